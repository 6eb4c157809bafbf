import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `GET /admin/audit` (platform admins and inspectors): the audit log, newest first, by subject kind
/// and action.
struct AuditController {
    let dependencies: ServiceDependencies

    struct Entry: Codable, Sendable {
        var seq: Int
        var actorID: UUID
        var actorRole: String
        var action: String
        var subjectKind: String
        var subjectID: String
        var before: JSONValue?
        var after: JSONValue?
        var at: Date
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("admin/audit", use: list)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<Entry> {
        _ = try context.requireRole(OfficialRole.platformAdmin.rawValue, OfficialRole.inspector.rawValue)
        let query = request.queryDictionary
        let paging = try Paging(query)
        let kind = query["subjectKind"]
        if let kind, AuditTrail.Subject(rawValue: kind) == nil {
            throw APIError.invalid("subjectKind", "must be one of \(AuditTrail.Subject.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let action = query["action"]
        if let action { _ = try Validate.text(action, "action", max: 64) }
        let filter: PostgresQuery = "WHERE (\(kind)::text IS NULL OR subject_kind = \(kind)) AND (\(action)::text IS NULL OR action = \(action))"
        return try await dependencies.pool.withConnection { connection in
            var count: PostgresQuery = "SELECT count(*) AS n FROM audit_log "
            count.append(filter)
            let total = try await connection.query(count)[0].decode("n", as: Int.self)
            var select: PostgresQuery =
                "SELECT seq, actor_id, actor_role, action, subject_kind, subject_id, before, after, at FROM audit_log "
            select.append(filter)
            select.append(" ORDER BY seq DESC LIMIT \(paging.size) OFFSET \(paging.offset)")
            let decoder = JSONDecoder()
            let items = try await connection.query(select).map { row in
                Entry(
                    seq: try row.decode("seq"), actorID: try row.decode("actor_id"), actorRole: try row.decode("actor_role"),
                    action: try row.decode("action"), subjectKind: try row.decode("subject_kind"),
                    subjectID: try row.decode("subject_id"),
                    before: try row.decode("before", as: PostgresJSON?.self).map { try $0.decode(JSONValue.self, decoder: decoder) },
                    after: try row.decode("after", as: PostgresJSON?.self).map { try $0.decode(JSONValue.self, decoder: decoder) },
                    at: try row.decode("at"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
