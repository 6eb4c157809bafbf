import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Who reads the statistics: inspectors, platform admins and statisticians every unit's; a unit
/// admin only their own unit's (asking for another unit is a 403). Guests 401, anyone else 403.
enum StatisticsAccess {
    static let cityWide: [OfficialRole] = [.inspector, .platformAdmin, .statistician]

    /// The unit the caller is limited to (nil: every unit), after checking `requested` is allowed.
    static func unitScope(_ context: AppRequestContext, requested: UUID?) throws -> UUID? {
        let claims = try context.requireOfficial(anyOf: cityWide + [.unitAdmin])
        if cityWide.contains(where: { claims.hasRole($0.rawValue) }) { return requested }
        guard let own = claims.unitID else { throw APIError.forbidden }
        if let requested, requested != own { throw APIError.forbidden }
        return own
    }
}
