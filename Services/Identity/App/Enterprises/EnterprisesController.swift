import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Online registration, the admins' review (approve / reject with a reason), lists and details.
struct EnterprisesController {
    let runtime: IdentityRuntime

    struct ReasonBody: Decodable {
        var reason: String
    }

    struct StatusEntry: Codable, Sendable {
        var status: String
        var reason: String?
        var actorID: UUID?
        var at: Date
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/registrations") { request, context -> Response in
            let person = try context.requirePerson()
            let input = try await request.decodeBody(EnterpriseInput.self, context: context)
            let id = UUID()
            let record = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> EnterpriseRecord in
                let fields = try await EnterpriseFields.validate(input, on: connection)
                try await Self.requireNewUSCC(fields.uscc, on: connection)
                try await EnterpriseRecord.insert(
                    id: id, fields, status: "pending", origin: "online", registeredBy: person.accountID,
                    cipher: runtime.cipher, on: connection)
                guard let record = try await EnterpriseRecord.load(id, cipher: runtime.cipher, on: connection) else { throw APIError.internalError }
                try await runtime.deps.outbox.append(
                    EnterpriseRegistered(enterprise: record.profile, origin: .online, approved: false, registeredAt: Date()), on: connection)
                try await runtime.audit.append(.enterpriseRegistered, actor: person.accountID, subject: "enterprise:\(id)", clientIP: request.clientIP, on: connection)
                return record
            } }
            var response = try EnterpriseView(record, showPhones: true).response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/enterprises") { request, context -> Page<EnterpriseView> in
            let viewer = try context.requireOfficial(.platformAdmin, .inspector, .dispatcher, .unitAdmin, .liaison)
            let paging = try Paging(request)
            let parameters = request.uri.queryParameters
            var filter = PostgresQueryBuilder(" WHERE true")
            if let status = parameters.get("status") {
                guard ["pending", "approved", "rejected"].contains(status) else {
                    throw APIError.invalid("status", "must be pending, approved or rejected")
                }
                filter.query.append(" AND status = \(status)")
            }
            if let region = parameters.get("region") { filter.query.append(" AND region = \(region)") }
            if let industry = parameters.get("industry") { filter.query.append(" AND industry = \(industry.uppercased())") }
            if let name = parameters.get("q"), !name.isEmpty { filter.query.append(" AND (name LIKE \("%" + name + "%") OR uscc = \(name.uppercased()))") }
            if !viewer.hasRole("platformAdmin") && !viewer.hasRole("inspector") && !viewer.hasRole("dispatcher") && !viewer.hasRole("unitAdmin") {
                filter.query.append(
                    " AND id IN (SELECT enterprise_id FROM liaison_assignments WHERE official_id = \(viewer.accountID) AND ended_at IS NULL)")
            }
            var count = PostgresQueryBuilder("SELECT count(*) AS total FROM enterprises")
            count.query.append(filter.query)
            var list = PostgresQueryBuilder("SELECT \(EnterpriseRecord.columns) FROM enterprises")
            list.query.append(filter.query)
            list.query.append(" ORDER BY created_at DESC, id LIMIT \(paging.size) OFFSET \(paging.offset)")
            let total = try await runtime.pool.query(count.query).first?.decode("total", as: Int.self) ?? 0
            let showPhones = viewer.hasRole("platformAdmin")
            let items = try await runtime.pool.query(list.query).map {
                EnterpriseView(try EnterpriseRecord(row: $0, cipher: runtime.cipher), showPhones: showPhones)
            }
            return Page(items: items, paging: paging, total: total)
        }
        router.get("/enterprises/:id") { _, context -> EnterpriseView in
            let id = try context.uuid("id")
            return try await runtime.pool.withConnection { connection in
                let (record, level) = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
                return EnterpriseView(record, showPhones: level >= .viewWithPhones)
            }
        }
        router.get("/enterprises/:id/status-history") { _, context -> Page<StatusEntry> in
            let id = try context.uuid("id")
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
                let rows = try await connection.query(
                    "SELECT status, reason, actor_id, at FROM enterprise_status_history WHERE enterprise_id = \(id) ORDER BY id")
                let items = try rows.map {
                    StatusEntry(status: try $0.decode("status"), reason: try $0.decode("reason"), actorID: try $0.decode("actor_id"), at: try $0.decode("at"))
                }
                return Page(items: items, paging: Paging.all(items.count), total: items.count)
            }
        }
        router.post("/enterprises/:id/approval") { request, context -> EnterpriseView in
            let admin = try context.requireOfficial(.platformAdmin)
            let id = try context.uuid("id")
            return try await EnterpriseReview(runtime: runtime).approve(id, by: admin.accountID, clientIP: request.clientIP)
        }
        router.post("/enterprises/:id/rejection") { request, context -> EnterpriseView in
            let admin = try context.requireOfficial(.platformAdmin)
            let id = try context.uuid("id")
            let body = try await request.decodeBody(ReasonBody.self, context: context)
            let reason = try Inputs.text(body.reason, field: "reason", max: 500)
            return try await EnterpriseReview(runtime: runtime).reject(id, reason: reason, by: admin.accountID, clientIP: request.clientIP)
        }
    }

    static func requireNewUSCC(_ uscc: String, on connection: PostgresConnection) async throws {
        if let row = try await connection.query("SELECT status FROM enterprises WHERE uscc = \(uscc)").first {
            let status = try row.decode("status", as: String.self)
            throw APIError.invalid("uscc", "is already registered (status: \(status))")
        }
    }
}

extension Paging {
    /// A single page holding all `count` items (short, bounded lists such as a status history).
    static func all(_ count: Int) -> Paging {
        Paging(page: 1, size: max(count, 1))
    }
}
