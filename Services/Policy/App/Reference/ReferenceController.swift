import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/policy-types`, `/subsidy-types`, `/tags`: anyone reads the active terms; platform admins add,
/// rename and retire them (a retired term stays on the policies that carry it).
struct ReferenceController {
    let runtime: PolicyRuntime
    let kind: ReferenceKind
    typealias Term = ReferenceStore.Term

    struct TermBody: Decodable {
        var code: String
        var name: String
    }

    struct TermChange: Decodable {
        var name: String?
        var active: Bool?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.init(stringLiteral: kind.path), use: list)
        router.post(.init(stringLiteral: kind.path), use: add)
        router.put(.init(stringLiteral: "\(kind.path)/:code"), use: change)
    }

    /// Active terms; `all=true` (platform admins) includes retired ones.
    func list(_ request: Request, context: AppRequestContext) async throws -> Page<Term> {
        let paging = try Paging(request)
        let all = try Validate.flag(request, "all") ?? false
        if all { _ = try context.requireOfficial(.platformAdmin) }
        return try await runtime.dependencies.pool.withConnection { connection in
            try await ReferenceStore.page(kind, includeInactive: all, paging: paging, on: connection)
        }
    }

    func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Term> {
        let admin = try context.requireOfficial(.platformAdmin)
        let body = try await request.decodeBody(TermBody.self, context: context)
        // A type's code is taken as sent (no trimming): the document's pattern is the whole rule.
        let code = kind == .tag ? try Validate.contentText(body.code, "code", max: 64) : body.code
        if kind != .tag, code.range(of: #"^[a-zA-Z][a-zA-Z0-9-]{1,63}$"#, options: .regularExpression) == nil {
            throw APIError.invalid("code", "must be 2–64 letters, digits or '-', starting with a letter")
        }
        let term = Term(code: code, name: try Validate.contentText(body.name, "name", max: 100), active: true)
        do {
            try await runtime.dependencies.pool.withTransaction { connection in
                try await ReferenceStore.insert(kind, term, on: connection)
                try await AuditTrail.append(
                    AuditEntry(
                        action: "created", subjectKind: kind.rawValue, subjectID: code, by: admin, acting: [.platformAdmin],
                        detail: ["after": try AuditDetail.value(term)]), on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError(.conflict, code: "duplicate", message: "\(kind.noun) \(code) exists", field: "code")
        }
        return EditedResponse(status: .created, response: term)
    }

    func change(_ request: Request, context: AppRequestContext) async throws -> Term {
        let admin = try context.requireOfficial(.platformAdmin)
        let code = try context.pathText("code")
        let body = try await request.decodeBody(TermChange.self, context: context)
        guard body.name != nil || body.active != nil else { throw APIError.invalid("name", "name or active is required") }
        let name = try body.name.map { try Validate.contentText($0, "name", max: 100) }
        return try await runtime.dependencies.pool.withTransaction { connection in
            guard let before = try await ReferenceStore.lock(kind, code, on: connection) else { throw APIError.notFound(kind.noun) }
            var after = before
            after.name = name ?? before.name
            after.active = body.active ?? before.active
            guard after != before else { return before }
            try await ReferenceStore.update(kind, after, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "updated", subjectKind: kind.rawValue, subjectID: code, by: admin, acting: [.platformAdmin],
                    detail: ["before": try AuditDetail.value(before), "after": try AuditDetail.value(after)]), on: connection)
            return after
        }
    }
}
