import Foundation
import Postgres
import ServiceKit

/// Message templates and their versions.
enum TemplateStore {
    struct HistoryEntry: Codable, Sendable {
        var version: Int
        var category: String
        var title: String
        var body: String
        var changedAt: Date
        var changedBy: UUID?
    }

    static func page(_ paging: Paging, on connection: PostgresConnection) async throws -> Page<StoredTemplate> {
        try await connection.page("SELECT * FROM templates", orderBy: "code", paging: paging, StoredTemplate.init(row:))
    }

    static func template(_ code: String, on connection: PostgresConnection) async throws -> StoredTemplate? {
        try await connection.query("SELECT * FROM templates WHERE code = \(code)").first.map(StoredTemplate.init(row:))
    }

    /// Creates the template at version 1 or changes it to the next version.
    static func save(
        code: String, category: String, title: String, body: String, by accountID: UUID, on connection: PostgresConnection
    ) async throws -> StoredTemplate {
        let rows = try await connection.query(
            """
            INSERT INTO templates (code, category, title, body, updated_by) VALUES (\(code), \(category),
                \(title), \(body), \(accountID))
            ON CONFLICT (code) DO UPDATE SET category = EXCLUDED.category, title = EXCLUDED.title,
                body = EXCLUDED.body, version = templates.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
            RETURNING *
            """)
        guard let row = rows.first else { throw APIError.internalError }
        return try StoredTemplate(row: row)
    }

    static func recordVersion(_ template: StoredTemplate, by accountID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO template_history (code, version, category, title, body, changed_by)
            VALUES (\(template.code), \(template.version), \(template.category), \(template.title), \(template.body), \(accountID))
            """)
    }

    static func history(_ code: String, paging: Paging, on connection: PostgresConnection) async throws -> Page<HistoryEntry>? {
        try await VersionHistory.page("template_history", keyColumn: "code", key: code, paging: paging, on: connection) { row in
            HistoryEntry(
                version: try row.decode("version"), category: try row.decode("category"), title: try row.decode("title"),
                body: try row.decode("body"), changedAt: try row.decode("changed_at"), changedBy: try row.decode("changed_by"))
        }
    }
}
