import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Months in which a liaison official had no contact with one of their enterprises: platform
/// admins and inspectors see all; a liaison official sees their own.
struct ContactGapsController {
    let runtime: IdentityRuntime

    struct Gap: Codable, Sendable {
        var enterpriseID: UUID
        var enterpriseName: String
        var officialID: UUID
        var officialName: String
        var month: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/liaison-contact-gaps") { request, context -> Page<Gap> in
            let viewer = try context.requireOfficial(.platformAdmin, .inspector, .liaison)
            let paging = try Paging(request)
            var filter: PostgresQuery = " WHERE true"
            if let month = request.uri.queryParameters.get("month") {
                guard LiaisonWorkController.isMonth(month) else { throw APIError.invalid("month", "must be yyyy-MM") }
                filter.append(" AND g.month = \(month)")
            }
            if !viewer.hasRole("platformAdmin") && !viewer.hasRole("inspector") {
                filter.append(" AND g.official_id = \(viewer.accountID)")
            }
            var count: PostgresQuery = "SELECT count(*) AS n FROM liaison_contact_gaps g"
            count.append(filter)
            var list: PostgresQuery = """
                SELECT g.enterprise_id, e.name AS enterprise_name, g.official_id, a.real_name, g.month
                FROM liaison_contact_gaps g JOIN enterprises e ON e.id = g.enterprise_id JOIN accounts a ON a.id = g.official_id
                """
            list.append(filter)
            list.append(" ORDER BY g.month DESC, a.real_name LIMIT \(paging.size) OFFSET \(paging.offset)")
            let total = try await runtime.pool.query(count).first?.decode("n", as: Int.self) ?? 0
            let items = try await runtime.pool.query(list).map {
                Gap(
                    enterpriseID: try $0.decode("enterprise_id"), enterpriseName: try $0.decode("enterprise_name"),
                    officialID: try $0.decode("official_id"), officialName: try $0.decode("real_name"), month: try $0.decode("month"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
