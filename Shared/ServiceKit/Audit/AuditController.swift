import Contracts
import Foundation
import Hummingbird
import Postgres

/// The audit trail's two endpoints, the same in every service: `GET /admin/audit` (newest first,
/// paged, filtered by `subjectKind`, `subjectID`, `action`, `actorID`) and
/// `GET /admin/audit/verification` (the chain recomputed; `brokenAt` names the first bad row).
public struct AuditController: Sendable {
    let pool: PostgresPool
    let readers: [OfficialRole]

    /// `readers`: the official roles that may read the trail (platform admins and inspectors by default).
    public init(pool: PostgresPool, readers: [OfficialRole] = [.platformAdmin, .inspector]) {
        self.pool = pool
        self.readers = readers
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/audit") { request, context -> Page<AuditRecord> in
            _ = try context.requireOfficial(anyOf: readers)
            let query = request.uri.queryParameters
            let paging = try Paging(request)
            let actor = try query.get("actorID").map { text -> UUID in
                guard let id = UUID(uuidString: text) else { throw APIError.invalid("actorID", "must be a UUID") }
                return id
            }
            return try await pool.withConnection { connection in
                try await AuditTrail.page(
                    subjectKind: query.get("subjectKind").flatMap { $0.isEmpty ? nil : $0 },
                    subjectID: query.get("subjectID").flatMap { $0.isEmpty ? nil : $0 },
                    action: query.get("action").flatMap { $0.isEmpty ? nil : $0 }, actorID: actor, paging: paging,
                    on: connection)
            }
        }
        router.get("/admin/audit/verification") { _, context -> AuditVerification in
            _ = try context.requireOfficial(anyOf: readers)
            return try await AuditTrail.verify(pool: pool)
        }
    }
}

extension AuditVerification: ResponseEncodable {}
