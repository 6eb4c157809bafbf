import Foundation
import Hummingbird
import Postgres
import Validators
import ServiceKit

/// The reference data: GB/T 4754-2017 (`industry_classes`, with the aliases lists use), the city's
/// counties (`regions`) and the key-industry types (`key_industry_types`).
enum ReferenceStore {
    struct Industry: ResponseCodable, Equatable {
        var code: String
        var level: String
        var name: String
        var parentCode: String?
    }

    struct Region: ResponseCodable, Equatable {
        var code: String
        var name: String
    }

    static func industries(level: String?, parent: String?, query: String?, paging: Paging, on connection: PostgresConnection) async throws -> Page<Industry> {
        let pattern = query.map { "%" + LikePattern.escape($0) + "%" }
        return try await connection.page(
            """
            SELECT code, level, name, parent_code FROM industry_classes
            WHERE (\(level)::text IS NULL OR level = \(level)) AND (\(parent)::text IS NULL OR parent_code = \(parent))
              AND (\(pattern)::text IS NULL OR name LIKE \(pattern) OR code LIKE \(pattern))
            """, orderBy: "code", paging: paging, industry)
    }

    static func industry(_ code: String, on connection: PostgresConnection) async throws -> Industry? {
        try await connection.query("SELECT code, level, name, parent_code FROM industry_classes WHERE code = \(code)")
            .first.map(industry)
    }

    /// The class a list's 所属行业 names: a code (`C2521` or `2521`), a name of any level, or an alias.
    static func resolveIndustry(_ text: String, on connection: PostgresConnection) async throws -> Industry? {
        try await connection.query(
            """
            SELECT code, level, name, parent_code FROM industry_classes
            WHERE code = \(text) OR substr(code, 2) = \(text) OR name = \(text)
               OR code = (SELECT industry_code FROM industry_aliases WHERE alias = \(text))
            ORDER BY CASE WHEN code = \(text) THEN 0 WHEN level = 'class' THEN 1 ELSE 2 END, code LIMIT 1
            """
        ).first.map(industry)
    }

    static func regions(on connection: PostgresConnection) async throws -> [Region] {
        try await connection.query("SELECT code, name FROM regions ORDER BY code").map { row in
            Region(code: try row.decode("code"), name: try row.decode("name"))
        }
    }

    /// The county a list's 县(市、区) names: its code or its name.
    static func resolveRegion(_ text: String, on connection: PostgresConnection) async throws -> Region? {
        try await connection.query("SELECT code, name FROM regions WHERE code = \(text) OR name = \(text)").first.map { row in
            Region(code: try row.decode("code"), name: try row.decode("name"))
        }
    }

    /// A key-industry type (重点产业类型) the form's optional field takes.
    struct KeyIndustryType: ResponseCodable, Equatable {
        var name: String
    }

    static func keyIndustryTypes(paging: Paging, on connection: PostgresConnection) async throws -> Page<KeyIndustryType> {
        try await connection.page("SELECT name FROM key_industry_types WHERE active", orderBy: "name", paging: paging) { row in
            KeyIndustryType(name: try row.decode("name"))
        }
    }

    static func isKeyIndustryType(_ name: String, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM key_industry_types WHERE active AND name = \(name)")).isEmpty
    }

    private static func industry(_ row: PostgresRow) throws -> Industry {
        Industry(code: try row.decode("code"), level: try row.decode("level"), name: try row.decode("name"), parentCode: try row.decode("parent_code"))
    }
}
