import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Months in which a liaison official had no contact with one of their enterprises: platform
/// admins and inspectors see all; a liaison official sees their own.
struct ContactGapsController: IdentityController {
    let runtime: IdentityRuntime

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/liaison-contact-gaps", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<ContactGapStore.Gap> {
        let viewer = try context.requireOfficial(.platformAdmin, .inspector, .liaison)
        let paging = try Paging(request)
        let month = request.uri.queryParameters.get("month")
        if let month, !LiaisonWorkController.isMonth(month) { throw APIError.invalid("month", "must be yyyy-MM") }
        let officialID = viewer.isOfficial(.platformAdmin, .inspector) ? nil : viewer.accountID
        return try await runtime.pool.withConnection {
            try await ContactGapStore.gaps(month: month, officialID: officialID, paging: paging, on: $0)
        }
    }
}
