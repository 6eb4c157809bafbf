import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The categories of appeals and complaints (`categories`), and the default scheme a new one follows.
enum CategoryStore {
    struct Category: ResponseCodable, Equatable {
        var code: String
        var kind: String
        var name: String
        var active: Bool
    }

    /// Which scheme a category follows in a city (`*`: every city without its own), and whether that
    /// scheme's closure needs a dispatcher's approval.
    struct SchemeUse: Codable, Sendable, Equatable {
        var city: String
        var scheme: String
        var schemeName: String
        var closureApproval: Bool
    }

    /// A category as `GET /categories` lists it: with the schemes it follows.
    struct Listed: ResponseCodable {
        var code: String
        var kind: String
        var name: String
        var active: Bool
        var schemes: [SchemeUse]
    }

    /// The active categories, of one kind or all, in the order they were added, each with its schemes.
    static func page(kind: String?, paging: Paging, on connection: PostgresConnection) async throws -> Page<Listed> {
        let categories = try await connection.page(
            "SELECT code, kind, name, active, created_at FROM categories WHERE active AND (\(kind)::text IS NULL OR kind = \(kind))",
            orderBy: "created_at, code", paging: paging, category)
        let rows = try await connection.query(
            """
            SELECT a.category_code, a.city, a.scheme_code, s.name, s.closure_approval
            FROM scheme_assignments a JOIN deadline_schemes s ON s.code = a.scheme_code
            WHERE a.category_code = ANY(\(categories.items.map(\.code))::text[])
            ORDER BY a.category_code, a.city = '*', a.city
            """)
        var schemes: [String: [SchemeUse]] = [:]
        for row in rows {
            schemes[try row.decode("category_code", as: String.self), default: []].append(
                SchemeUse(
                    city: try row.decode("city"), scheme: try row.decode("scheme_code"), schemeName: try row.decode("name"),
                    closureApproval: try row.decode("closure_approval")))
        }
        let items = categories.items.map {
            Listed(code: $0.code, kind: $0.kind, name: $0.name, active: $0.active, schemes: schemes[$0.code] ?? [])
        }
        return Page(items: items, page: categories.page, size: categories.size, total: categories.total)
    }

    /// Adds an active category; it follows each city's default scheme until an admin assigns it one
    /// (a duplicate code is a unique violation).
    static func insert(_ category: Category, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "INSERT INTO categories (code, kind, name) VALUES (\(category.code), \(category.kind), \(category.name))")
    }

    static func lock(_ code: String, on connection: PostgresConnection) async throws -> Category? {
        try await connection.query("SELECT code, kind, name, active FROM categories WHERE code = \(code) FOR UPDATE")
            .first.map(category)
    }

    static func update(_ category: Category, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE categories SET name = \(category.name), active = \(category.active) WHERE code = \(category.code)")
    }

    static func exists(_ code: String, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM categories WHERE code = \(code)")).isEmpty
    }

    /// Whether `code` is an active category of `kind` (what a form may name).
    static func isActive(_ code: String, kind: CaseKind, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM categories WHERE code = \(code) AND kind = \(kind.rawValue) AND active")).isEmpty
    }

    private static func category(_ row: PostgresRow) throws -> Category {
        Category(code: try row.decode("code"), kind: try row.decode("kind"), name: try row.decode("name"), active: try row.decode("active"))
    }
}
