import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// `GET /admin/audit` (platform admins and inspectors): the audit trail, newest first, by subject
/// kind and action; `GET /admin/audit/verification`: whether the trail's chain holds.
struct AuditController {
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

    struct Verification: ResponseCodable {
        var rows: Int
        var valid: Bool
        var brokenAt: Int64?
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
        let page = try await runtime.dependencies.pool.withConnection { connection in
            try await AuditTrail.page(subjectKind: kind, action: action, paging: paging, on: connection)
        }
        return Page(items: page.items.map(Entry.init), page: page.page, size: page.size, total: page.total)
    }

    func verification(_ request: Request, context: AppRequestContext) async throws -> Verification {
        _ = try context.requireOfficial(.platformAdmin, .inspector)
        let result = try await AuditTrail.verify(pool: runtime.dependencies.pool)
        return Verification(rows: result.rows, valid: result.valid, brokenAt: result.brokenAt)
    }
}
