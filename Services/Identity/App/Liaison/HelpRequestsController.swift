import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 申请帮扶 / 我的帮扶: an enterprise's members ask for helpers; platform admins assign officials
/// or reject; the enterprise sees its request log and its helpers.
struct HelpRequestsController {
    let runtime: IdentityRuntime

    struct NoteBody: Decodable { var note: String }
    struct AssignBody: Decodable { var officialIDs: [UUID] }
    struct ReasonBody: Decodable { var reason: String }

    struct HelpRequest: ResponseCodable, Sendable {
        var id: UUID
        var enterpriseID: UUID
        var note: String
        var status: String
        var reason: String?
        var helpers: [Helper]
        var createdAt: Date
    }

    struct Helper: Codable, Sendable {
        var officialID: UUID
        var name: String
        var unitID: UUID?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/:id/help-requests") { request, context -> Response in
            let enterpriseID = try context.uuid("id")
            let person = try context.requirePerson()
            let body = try await request.decodeBody(NoteBody.self, context: context)
            let note = try Inputs.text(body.note, field: "note", max: 1000)
            let id = UUID()
            try await runtime.pool.withTransaction { connection in
                guard try await EnterpriseAccess.memberRole(person.accountID, in: enterpriseID, on: connection) != nil else {
                    throw APIError.notFound("enterprise")
                }
                try await connection.execute(
                    """
                    INSERT INTO help_requests (id, enterprise_id, requested_by, note, status)
                    VALUES (\(id), \(enterpriseID), \(person.accountID), \(note), 'pending')
                    """)
                try await connection.execute(
                    "INSERT INTO help_request_history (request_id, status, actor_id) VALUES (\(id), 'pending', \(person.accountID))")
            }
            var response = try await load(PostgresQuery("h.id = \(id)"), paging: Paging()).items[0].response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/enterprises/:id/help-requests") { request, context -> Page<HelpRequest> in
            let enterpriseID = try context.uuid("id")
            _ = try await runtime.pool.withConnection {
                try await EnterpriseAccess.require(context.principal, enterpriseID, .view, runtime: runtime, on: $0)
            }
            return try await load(PostgresQuery("h.enterprise_id = \(enterpriseID)"), paging: try Paging(request))
        }
        router.get("/enterprises/:id/helpers") { _, context -> Page<Helper> in
            let enterpriseID = try context.uuid("id")
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, enterpriseID, .view, runtime: runtime, on: connection)
                let rows = try await connection.query(
                    """
                    SELECT DISTINCT a.id, a.real_name, a.unit_id FROM help_request_helpers hh
                    JOIN help_requests h ON h.id = hh.request_id JOIN accounts a ON a.id = hh.official_id
                    WHERE h.enterprise_id = \(enterpriseID) AND h.status = 'assigned' AND a.active ORDER BY a.real_name
                    """)
                let items = try rows.map { Helper(officialID: try $0.decode("id"), name: try $0.decode("real_name"), unitID: try $0.decode("unit_id")) }
                return Page(items: items, paging: .all(items.count), total: items.count)
            }
        }
        router.get("/help-requests") { request, context -> Page<HelpRequest> in
            _ = try context.requireOfficial(.platformAdmin, .inspector)
            var filter = PostgresQuery("true")
            if let status = request.uri.queryParameters.get("status") {
                guard ["pending", "assigned", "rejected"].contains(status) else {
                    throw APIError.invalid("status", "must be pending, assigned or rejected")
                }
                filter.append(" AND h.status = \(status)")
            }
            return try await load(filter, paging: try Paging(request))
        }
        router.post("/help-requests/:id/assignment") { request, context -> HelpRequest in
            let admin = try context.requireOfficial(.platformAdmin)
            let id = try context.uuid("id")
            let body = try await request.decodeBody(AssignBody.self, context: context)
            guard !body.officialIDs.isEmpty, body.officialIDs.count <= 10 else {
                throw APIError.invalid("officialIDs", "must name 1 to 10 officials")
            }
            try await runtime.pool.withTransaction { connection in
                let enterpriseID = try await pending(id, on: connection)
                for (index, officialID) in body.officialIDs.enumerated() {
                    guard let official = try await Account.load(id: officialID, on: connection), official.kind == .official, official.active else {
                        throw APIError.invalid("officialIDs[\(index)]", "is not an active official")
                    }
                    try await connection.execute(
                        "INSERT INTO help_request_helpers (request_id, official_id) VALUES (\(id), \(officialID)) ON CONFLICT DO NOTHING")
                }
                try await decide(id, status: "assigned", reason: nil, by: admin.accountID, on: connection)
                try await runtime.deps.outbox.append(
                    HelpRequestAssigned(
                        requestID: id, enterpriseID: enterpriseID, officialIDs: body.officialIDs, assignedBy: admin.accountID,
                        assignedAt: Date()),
                    on: connection)
                try await runtime.audit.append(
                    .helpRequestDecided, actor: admin.accountID, subject: "help-request:\(id)", detail: "assigned",
                    clientIP: request.clientIP, on: connection)
            }
            return try await load(PostgresQuery("h.id = \(id)"), paging: Paging()).items[0]
        }
        router.post("/help-requests/:id/rejection") { request, context -> HelpRequest in
            let admin = try context.requireOfficial(.platformAdmin)
            let id = try context.uuid("id")
            let body = try await request.decodeBody(ReasonBody.self, context: context)
            let reason = try Inputs.text(body.reason, field: "reason", max: 500)
            try await runtime.pool.withTransaction { connection in
                _ = try await pending(id, on: connection)
                try await decide(id, status: "rejected", reason: reason, by: admin.accountID, on: connection)
                try await runtime.audit.append(
                    .helpRequestDecided, actor: admin.accountID, subject: "help-request:\(id)", detail: "rejected: \(reason)",
                    clientIP: request.clientIP, on: connection)
            }
            return try await load(PostgresQuery("h.id = \(id)"), paging: Paging()).items[0]
        }
    }

    private func pending(_ id: UUID, on connection: PostgresConnection) async throws -> UUID {
        guard let row = try await connection.query("SELECT enterprise_id, status FROM help_requests WHERE id = \(id) FOR UPDATE").first else {
            throw APIError.notFound("help request")
        }
        let status = try row.decode("status", as: String.self)
        guard status == "pending" else { throw APIError.conflict("cannot decide: the help request is already \(status)") }
        return try row.decode("enterprise_id", as: UUID.self)
    }

    private func decide(_ id: UUID, status: String, reason: String?, by actor: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE help_requests SET status = \(status), reason = \(reason), decided_by = \(actor), decided_at = now() WHERE id = \(id)
            """)
        try await connection.execute(
            "INSERT INTO help_request_history (request_id, status, note, actor_id) VALUES (\(id), \(status), \(reason), \(actor))")
    }

    private func load(_ filter: PostgresQuery, paging: Paging) async throws -> Page<HelpRequest> {
        var count: PostgresQuery = "SELECT count(*) AS n FROM help_requests h WHERE "
        count.append(filter)
        var list: PostgresQuery = "SELECT h.id, h.enterprise_id, h.note, h.status, h.reason, h.created_at FROM help_requests h WHERE "
        list.append(filter)
        list.append(" ORDER BY h.created_at DESC, h.id LIMIT \(paging.size) OFFSET \(paging.offset)")
        return try await runtime.pool.withConnection { connection in
            let total = try await connection.query(count).first?.decode("n", as: Int.self) ?? 0
            var items: [HelpRequest] = []
            for row in try await connection.query(list) {
                let id = try row.decode("id", as: UUID.self)
                let helpers = try await connection.query(
                    """
                    SELECT a.id, a.real_name, a.unit_id FROM help_request_helpers hh JOIN accounts a ON a.id = hh.official_id
                    WHERE hh.request_id = \(id) ORDER BY a.real_name
                    """).map { Helper(officialID: try $0.decode("id"), name: try $0.decode("real_name"), unitID: try $0.decode("unit_id")) }
                items.append(
                    HelpRequest(
                        id: id, enterpriseID: try row.decode("enterprise_id"), note: try row.decode("note"),
                        status: try row.decode("status"), reason: try row.decode("reason"), helpers: helpers,
                        createdAt: try row.decode("created_at")))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
