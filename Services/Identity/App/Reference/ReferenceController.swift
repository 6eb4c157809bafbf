import Foundation
import Hummingbird
import ServiceKit

/// Public reference data: regions, industry sections and the unit tree.
struct ReferenceController {
    let runtime: IdentityRuntime

    struct Region: Codable, Sendable {
        var code: String
        var name: String
        var kind: String
        var parentCode: String?
        /// False for the zones' local codes, which are not in GB/T 2260.
        var official: Bool
    }

    struct Industry: Codable, Sendable {
        var section: String
        var name: String
    }

    struct Unit: Codable, Sendable {
        var id: UUID
        var name: String
        var kind: String
        var parentID: UUID?
        var region: String
        var code: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions") { _, _ -> Page<Region> in
            let rows = try await runtime.pool.query(
                "SELECT code, name, kind, parent_code, official FROM regions ORDER BY sort_order")
            return Page(all: try rows.map {
                Region(
                    code: try $0.decode("code"), name: try $0.decode("name"), kind: try $0.decode("kind"),
                    parentCode: try $0.decode("parent_code"), official: try $0.decode("official"))
            })
        }
        router.get("/industries") { _, _ -> Page<Industry> in
            let rows = try await runtime.pool.query("SELECT section, name FROM industries ORDER BY section")
            return Page(all: try rows.map { Industry(section: try $0.decode("section"), name: try $0.decode("name")) })
        }
        router.get("/units") { request, _ -> Page<Unit> in
            var query: PostgresQueryBuilder = .init("SELECT id, name, kind, parent_id, region, code FROM units WHERE true")
            if let kind = request.uri.queryParameters.get("kind") {
                let kinds = ["city", "department", "county", "district", "zone", "industryGroup"]
                guard kinds.contains(kind) else { throw APIError.invalid("kind", "must be one of \(kinds.joined(separator: ", "))") }
                query.query.append(" AND kind = \(kind)")
            }
            query.query.appendUnescaped(" ORDER BY kind, code")
            let rows = try await runtime.pool.query(query.query)
            return Page(all: try rows.map {
                Unit(
                    id: try $0.decode("id"), name: try $0.decode("name"), kind: try $0.decode("kind"),
                    parentID: try $0.decode("parent_id"), region: try $0.decode("region"), code: try $0.decode("code"))
            })
        }
    }
}
