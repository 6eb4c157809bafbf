import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// ServiceKit's `AuditController` in the shape appeals' clients already read: `GET /admin/audit`
/// (platform admins and inspectors) answers each row's `before` and `after` at the top level and
/// refuses an unknown `subjectKind`; `GET /admin/audit/verification` is the shared check as it is.
struct AppealsAuditController {
    let runtime: AppealsRuntime

    struct Entry: Codable, Sendable {
        var seq: Int64
        var actorID: UUID?
        var actorRole: String
        var action: String
        var subjectKind: String
        var subjectID: String
        var before: JSONValue?
        var after: JSONValue?
        var at: Date

        init(_ record: AuditRecord) {
            seq = record.seq
            actorID = record.actorID
            actorRole = record.actorRole
            action = record.action
            subjectKind = record.subjectKind
            subjectID = record.subjectID
            before = record.detail["before"].flatMap { $0 == .null ? nil : $0 }
            after = record.detail["after"].flatMap { $0 == .null ? nil : $0 }
            at = record.at
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("admin/audit", use: list)
        router.get("admin/audit/verification", use: verification)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<Entry> {
        _ = try context.requireOfficial(.platformAdmin, .inspector)
        let query = request.uri.queryParameters
        let paging = try Paging(request)
        let kind = query.get("subjectKind")
        if let kind, AuditSubject(rawValue: kind) == nil {
            throw APIError.invalid("subjectKind", "must be one of \(AuditSubject.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let action = try query.get("action").map { try Validate.text($0, "action", max: 64) }
        let subjectID = try Validate.optionalText(query.get("subjectID"), "subjectID", max: 200)
        let actorID = try query.get("actorID").map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw APIError.invalid("actorID", "must be a UUID") }
            return id
        }
        let page = try await runtime.dependencies.pool.withConnection { connection in
            try await AuditTrail.page(
                subjectKind: kind, subjectID: subjectID, action: action, actorID: actorID, paging: paging, on: connection)
        }
        return Page(items: page.items.map(Entry.init), page: page.page, size: page.size, total: page.total)
    }

    func verification(_ request: Request, context: AppRequestContext) async throws -> AuditVerification {
        _ = try context.requireOfficial(.platformAdmin, .inspector)
        return try await AuditTrail.verify(pool: runtime.dependencies.pool)
    }
}
