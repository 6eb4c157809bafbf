import Contracts
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
        _ = try context.requireRole("platformAdmin")
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            let total = try await connection.query("SELECT count(*) AS n FROM templates").first?.decode("n", as: Int.self) ?? 0
            let rows = try await connection.query(
                "SELECT * FROM templates ORDER BY code LIMIT \(paging.size) OFFSET \(paging.offset)")
            return Page(items: try rows.map { TemplateBody(try StoredTemplate(row: $0)) }, paging: paging, total: total)
        }
    }

    struct Input: Decodable {
        var category: String
        var title: String
        var body: String
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> TemplateBody {
        let admin = try context.requireRole("platformAdmin")
        let code = context.parameters.get("code") ?? ""
        guard code.range(of: "^[a-z][a-z0-9_.]{1,63}$", options: .regularExpression) != nil else {
            throw APIError.invalid("code", "must be 2–64 characters of a-z, 0-9, _ or .")
        }
        let input = try await request.decodeBody(Input.self, context: context)
        guard !input.category.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid("category", "is required") }
        guard !input.title.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid("title", "is required") }
        guard !input.body.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.invalid("body", "is required") }
        guard input.body.count <= 500 else { throw APIError.invalid("body", "must be at most 500 characters") }
        return try await pool.withTransaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO templates (code, category, title, body, updated_by) VALUES (\(code), \(input.category),
                    \(input.title), \(input.body), \(admin.accountID))
                ON CONFLICT (code) DO UPDATE SET category = EXCLUDED.category, title = EXCLUDED.title,
                    body = EXCLUDED.body, version = templates.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
                RETURNING *
                """)
            guard let row = rows.first else { throw APIError.internalError }
            let template = try StoredTemplate(row: row)
            let users = try await connection.query(
                "SELECT \(unescaped: Rule.columns) FROM rules r WHERE template_code = \(code) ORDER BY rule_id")
            for user in users {
                try await RuleValidator.validate(try Rule(row: user), template: template, on: connection)
            }
            try await connection.execute(
                """
                INSERT INTO template_history (code, version, category, title, body, changed_by)
                VALUES (\(code), \(template.version), \(template.category), \(template.title), \(template.body), \(admin.accountID))
                """)
            try await Audit.record(actor: admin.accountID, action: "template.saved", target: code, on: connection)
            return TemplateBody(template)
        }
    }

    struct HistoryEntry: Codable, Sendable {
        var version: Int
        var category: String
        var title: String
        var body: String
        var changedAt: String
        var changedBy: UUID?
    }

    func history(_ request: Request, _ context: AppRequestContext) async throws -> Page<HistoryEntry> {
        _ = try context.requireRole("platformAdmin")
        let code = context.parameters.get("code") ?? ""
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            let total = try await connection.query(
                "SELECT count(*) AS n FROM template_history WHERE code = \(code)").first?.decode("n", as: Int.self) ?? 0
            guard total > 0 else { throw APIError.notFound("template") }
            let rows = try await connection.query(
                """
                SELECT * FROM template_history WHERE code = \(code) ORDER BY version DESC
                LIMIT \(paging.size) OFFSET \(paging.offset)
                """)
            let items = try rows.map { row in
                HistoryEntry(
                    version: try row.decode("version"), category: try row.decode("category"), title: try row.decode("title"),
                    body: try row.decode("body"), changedAt: EventTime.format(try row.decode("changed_at", as: Date.self)),
                    changedBy: try row.decode("changed_by"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
