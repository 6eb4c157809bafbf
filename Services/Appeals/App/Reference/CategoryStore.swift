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

    /// Which scheme a category follows in a city (its own assignment there or anywhere, else the
    /// city's default: `DeadlineSchemeStore.schemeCode`), and whether that scheme's closure needs a
    /// dispatcher's approval.
    struct SchemeUse: Codable, Sendable, Equatable {
        var city: String
        var scheme: String
        var schemeName: String
        var closureApproval: Bool
    }

    /// A category as `GET /categories` lists it: with the scheme it follows in each city the platform
    /// has a default or an assignment for.
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
        let cities = try await connection.query(
            "SELECT city FROM city_schemes UNION SELECT city FROM scheme_assignments WHERE city <> '*' ORDER BY city"
        ).map { try $0.decode("city", as: String.self) }
        var schemes: [String: DeadlineScheme] = [:]
        var items: [Listed] = []
        for category in categories.items {
            var uses: [SchemeUse] = []
            for city in cities {
                guard let code = try await DeadlineSchemeStore.schemeCode(for: category.code, region: city, on: connection) else { continue }
                if schemes[code] == nil { schemes[code] = try await DeadlineSchemeStore.scheme(code, on: connection) }
                guard let scheme = schemes[code] else { continue }
                uses.append(SchemeUse(city: city, scheme: code, schemeName: scheme.name, closureApproval: scheme.closureApproval))
            }
            items.append(Listed(code: category.code, kind: category.kind, name: category.name, active: category.active, schemes: uses))
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
