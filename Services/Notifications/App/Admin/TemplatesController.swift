import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Templates: list, create or change (checked against every rule that uses them), history.
struct TemplatesController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/templates") { request, context in try await list(request, context) }
        router.put("/admin/templates/{code}") { request, context in try await save(request, context) }
        router.get("/admin/templates/{code}/history") { request, context in try await history(request, context) }
    }

    struct TemplateBody: ResponseCodable {
        var code: String
        var category: String
        var title: String
        var body: String
        var version: Int
        var placeholders: [String]

        init(_ template: StoredTemplate) {
            code = template.code
            category = template.category
            title = template.title
            body = template.body
            version = template.version
            placeholders = template.placeholders
        }
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Page<TemplateBody> {
        _ = try context.requireOfficial(.platformAdmin)
        let paging = try Paging(request)
        let page = try await pool.withConnection { try await TemplateStore.page(paging, on: $0) }
        return Page(items: page.items.map(TemplateBody.init), paging: paging, total: page.total)
    }

    struct Input: Decodable {
        var category: String
        var title: String
        var body: String
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> TemplateBody {
        let admin = try context.requireOfficial(.platformAdmin)
        let code = try context.pathText("code")
        guard code.range(of: "^[a-z][a-z0-9_.]{1,63}$", options: .regularExpression) != nil else {
            throw APIError.invalid("code", "must be 2–64 characters of a-z, 0-9, _ or .")
        }
        let input = try await request.decodeBody(Input.self, context: context)
        guard !input.category.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid("category", "is required") }
        guard !input.title.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid("title", "is required") }
        guard !input.body.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid("body", "is required") }
        guard input.body.count <= 500 else { throw APIError.invalid("body", "must be at most 500 characters") }
        return try await pool.withTransaction { connection in
            let template = try await TemplateStore.save(
                code: code, category: input.category, title: input.title, body: input.body, by: admin.accountID, on: connection)
            for rule in try await RuleStore.rules(usingTemplate: code, on: connection) {
                try await RuleValidator.validate(rule, template: template, on: connection)
            }
            try await TemplateStore.recordVersion(template, by: admin.accountID, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "template.saved", subjectKind: "template", subjectID: code, by: admin, acting: [.platformAdmin]),
                on: connection)
            return TemplateBody(template)
        }
    }

    func history(_ request: Request, _ context: AppRequestContext) async throws -> Page<TemplateStore.HistoryEntry> {
        _ = try context.requireOfficial(.platformAdmin)
        let code = try context.pathText("code")
        let paging = try Paging(request)
        guard let page = try await pool.withConnection({ try await TemplateStore.history(code, paging: paging, on: $0) }) else {
            throw APIError.notFound("template")
        }
        return page
    }
}
