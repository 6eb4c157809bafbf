import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Which officials look after an enterprise (platform admins and unit admins assign; history kept).
struct LiaisonController {
    let runtime: IdentityRuntime

    struct AssignBody: Decodable {
        var officialID: UUID
    }

    struct Assignment: Codable, Sendable {
        var officialID: UUID
        var name: String
        var unitID: UUID?
        var assignedAt: Date
        var endedAt: Date?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/:id/liaisons") { request, context -> Response in
            let admin = try context.requireOfficial(.platformAdmin, .unitAdmin)
            let enterpriseID = try context.uuid("id")
            let body = try await request.decodeBody(AssignBody.self, context: context)
            try await runtime.pool.withTransaction { connection in
                guard try await EnterpriseRecord.load(enterpriseID, cipher: runtime.cipher, on: connection) != nil else {
                    throw APIError.notFound("enterprise")
                }
                guard let official = try await Account.load(id: body.officialID, on: connection), official.kind == .official,
                    official.active, official.roles.contains("liaison"), let unitID = official.unitID
                else { throw APIError.invalid("officialID", "is not an active liaison official") }
                try await LiaisonAssignments(runtime: runtime).assign(
                    enterpriseID: enterpriseID, officialID: official.id, unitID: unitID, by: admin.accountID, on: connection)
                try await runtime.audit.append(
                    .liaisonAssigned, actor: admin.accountID, subject: "enterprise:\(enterpriseID)", detail: "official=\(official.id)",
                    clientIP: request.clientIP, on: connection)
            }
            var response = try Done().response(from: request, context: context)
            response.status = .created
            return response
        }
        router.post("/enterprises/:id/liaisons/:officialID/unassignment") { request, context -> Done in
            let admin = try context.requireOfficial(.platformAdmin, .unitAdmin)
            let enterpriseID = try context.uuid("id")
            let officialID = try context.uuid("officialID")
            try await runtime.pool.withTransaction { connection in
                try await LiaisonAssignments(runtime: runtime).unassign(
                    enterpriseID: enterpriseID, officialID: officialID, by: admin.accountID, on: connection)
                try await runtime.audit.append(
                    .liaisonUnassigned, actor: admin.accountID, subject: "enterprise:\(enterpriseID)", detail: "official=\(officialID)",
                    clientIP: request.clientIP, on: connection)
            }
            return Done()
        }
        router.get("/enterprises/:id/liaisons") { request, context -> Page<Assignment> in
            let enterpriseID = try context.uuid("id")
            let paging = try Paging(request)
            let history = request.uri.queryParameters.get("history") == "true"
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, enterpriseID, .view, runtime: runtime, on: connection)
                var filter = PostgresQuery(" WHERE l.enterprise_id = \(enterpriseID)")
                if !history { filter.appendUnescaped(" AND l.ended_at IS NULL") }
                var count: PostgresQuery = "SELECT count(*) AS n FROM liaison_assignments l"
                count.append(filter)
                var list: PostgresQuery = """
                    SELECT l.official_id, a.real_name, a.unit_id, l.assigned_at, l.ended_at
                    FROM liaison_assignments l JOIN accounts a ON a.id = l.official_id
                    """
                list.append(filter)
                list.append(" ORDER BY l.assigned_at DESC LIMIT \(paging.size) OFFSET \(paging.offset)")
                let total = try await connection.query(count).first?.decode("n", as: Int.self) ?? 0
                let items = try await connection.query(list).map {
                    Assignment(
                        officialID: try $0.decode("official_id"), name: try $0.decode("real_name"), unitID: try $0.decode("unit_id"),
                        assignedAt: try $0.decode("assigned_at"), endedAt: try $0.decode("ended_at"))
                }
                return Page(items: items, paging: paging, total: total)
            }
        }
    }
}
