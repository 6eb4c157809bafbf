import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Every statement of the validation rules (`validation_rules`, one row per version).
enum RuleStore {
    static let columns = "code, version, kind, importance, name, message, parameter::text AS parameter, active, changed_at"

    /// The current version of every rule (active or not), by code.
    static func current(on connection: PostgresConnection) async throws -> [ValidationRule] {
        try await connection.query(
            "SELECT DISTINCT ON (code) \(unescaped: columns) FROM validation_rules ORDER BY code, version DESC"
        ).map(rule)
    }

    static func current(_ code: String, on connection: PostgresConnection) async throws -> ValidationRule? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM validation_rules WHERE code = \(code) ORDER BY version DESC LIMIT 1"
        ).first.map(rule)
    }

    static func versions(_ code: String, on connection: PostgresConnection) async throws -> [ValidationRule] {
        try await connection.query("SELECT \(unescaped: columns) FROM validation_rules WHERE code = \(code) ORDER BY version").map(rule)
    }

    /// Serializes changes to one rule's versions.
    static func lock(_ code: String, on connection: PostgresConnection) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('filing.rule.' || \(code)))")
    }

    static func insert(_ rule: ValidationRule, by official: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO validation_rules (code, version, kind, importance, name, message, parameter, active, changed_by, changed_at)
            VALUES (\(rule.code), \(rule.version), \(rule.kind.rawValue), \(rule.importance.rawValue), \(rule.name), \(rule.message),
                    \(rule.parameter?.value), \(rule.active), \(official), \(rule.changedAt))
            """)
    }

    static func rule(_ row: PostgresRow) throws -> ValidationRule {
        ValidationRule(
            code: try row.decode("code"), version: try row.decode("version"),
            kind: ValidationRule.Kind(rawValue: try row.decode("kind")) ?? .required,
            importance: ValidationRule.Importance(rawValue: try row.decode("importance")) ?? .error,
            name: try row.decode("name"), message: try row.decode("message"),
            parameter: try row.decode("parameter", as: String?.self).flatMap { Amount(text: $0) ?? Decimal(string: $0).map(Amount.init) },
            active: try row.decode("active"), changedAt: try row.decode("changed_at"))
    }
}
