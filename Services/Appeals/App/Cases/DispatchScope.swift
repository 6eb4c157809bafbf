import Contracts
import Foundation
import Postgres
import ServiceKit

/// The items a dispatcher sees and routes, from the kind of the dispatcher's unit: a city or
/// department unit covers its city, a county, district or zone its region, an industry group the
/// enterprises of its industries (`dispatch_group_industries`). A dispatcher whose unit is not
/// known (yet) covers nothing.
enum DispatchScope: Sendable, Equatable {
    /// Regions starting with the city's first four digits.
    case city(String)
    case region(String)
    case industries([String])
    case nothing

    static func of(_ principal: AccessClaims, on connection: PostgresConnection) async throws -> DispatchScope {
        guard principal.isOfficial(.dispatcher), let unitID = principal.unitID,
            let unit = try await CaseStore.unit(unitID, on: connection)
        else { return .nothing }
        switch unit.kind {
        case "city", "department": return .city(String(unit.region.prefix(4)))
        case "industryGroup": return .industries(try await CaseStore.industries(dispatchedBy: unitID, on: connection))
        default: return .region(unit.region)
        }
    }

    func covers(_ record: CaseRecord) -> Bool {
        switch self {
        case .city(let prefix): record.region.hasPrefix(prefix)
        case .region(let region): record.region == region
        case .industries(let sections): record.industry.map(sections.contains) ?? false
        case .nothing: false
        }
    }

    /// The same test as SQL on `cases c`, to append to a WHERE clause.
    var filter: PostgresQuery {
        switch self {
        case .city(let prefix): " AND c.region LIKE \(prefix + "%")"
        case .region(let region): " AND c.region = \(region)"
        case .industries(let sections): " AND c.industry = ANY(\(sections)::text[])"
        case .nothing: " AND false"
        }
    }
}
