import Contracts
import Foundation
import Postgres
import ServiceKit

/// Rules, their templates as the rules see them, and their versions.
enum RuleStore {
    struct HistoryEntry: Codable, Sendable {
        var version: Int
        var definition: JSONValue
        var changedAt: Date
        var changedBy: UUID?
    }

    static func page(eventType: String?, paging: Paging, on connection: PostgresConnection) async throws -> Page<Rule> {
        var query: PostgresQuery = "SELECT \(unescaped: Rule.columns) FROM rules r WHERE true"
        if let eventType { query.append(" AND event_type = \(eventType)") }
        return try await connection.page(query, orderBy: "rule_id", paging: paging, Rule.init(row:))
    }

    /// The rule with the template it renders; nil when there is no such rule.
    static func ruleWithTemplate(_ ruleID: String, on connection: PostgresConnection) async throws -> (Rule, StoredTemplate)? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Rule.columns), t.code, t.category, t.title, t.body, t.version
            FROM rules r JOIN templates t ON t.code = r.template_code WHERE r.rule_id = \(ruleID)
            """)
        return try rows.first.map { (try Rule(row: $0), try StoredTemplate(row: $0)) }
    }

    /// The rules of `eventType` (only the enabled ones when `enabledOnly`), each with its template.
    static func rulesWithTemplates(
        eventType: String, enabledOnly: Bool = false, on connection: PostgresConnection
    ) async throws -> [(Rule, StoredTemplate)] {
        try await connection.query(
            """
            SELECT \(unescaped: Rule.columns), t.code, t.category, t.title, t.body, t.version
            FROM rules r JOIN templates t ON t.code = r.template_code
            WHERE r.event_type = \(eventType) AND (r.enabled OR NOT \(enabledOnly)) ORDER BY r.rule_id
            """
        ).map { (try Rule(row: $0), try StoredTemplate(row: $0)) }
    }

    static func rules(usingTemplate code: String, on connection: PostgresConnection) async throws -> [Rule] {
        try await connection.query(
            "SELECT \(unescaped: Rule.columns) FROM rules r WHERE template_code = \(code) ORDER BY rule_id"
        ).map(Rule.init(row:))
    }

    /// Creates or changes the rule and records the new version; returns that version.
    static func save(_ rule: Rule, by accountID: UUID, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(
            """
            INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                               condition_path, condition_values, urgent, enabled, updated_by)
            VALUES (\(rule.ruleID), \(rule.eventType), \(rule.recipients.rawValue), \(rule.recipientPath),
                    \(rule.channels.map(\.rawValue)), \(rule.templateCode), \(try PostgresJSON(encoding: rule.bindings)),
                    \(rule.conditionPath), \(rule.conditionValues), \(rule.urgent), \(rule.enabled), \(accountID))
            ON CONFLICT (rule_id) DO UPDATE SET event_type = EXCLUDED.event_type, recipients = EXCLUDED.recipients,
                recipient_path = EXCLUDED.recipient_path, channels = EXCLUDED.channels,
                template_code = EXCLUDED.template_code, bindings = EXCLUDED.bindings,
                condition_path = EXCLUDED.condition_path, condition_values = EXCLUDED.condition_values, urgent = EXCLUDED.urgent,
                enabled = EXCLUDED.enabled, version = rules.version + 1, updated_at = now(),
                updated_by = EXCLUDED.updated_by
            RETURNING version
            """)
        let version = try rows.first?.decode("version", as: Int.self) ?? 1
        try await connection.execute(
            """
            INSERT INTO rule_history (rule_id, version, definition, changed_by)
            VALUES (\(rule.ruleID), \(version), \(try PostgresJSON(encoding: rule)), \(accountID))
            """)
        return version
    }

    static func history(_ ruleID: String, paging: Paging, on connection: PostgresConnection) async throws -> Page<HistoryEntry>? {
        try await VersionHistory.page("rule_history", keyColumn: "rule_id", key: ruleID, paging: paging, on: connection) { row in
            HistoryEntry(
                version: try row.decode("version"),
                definition: try row.decode("definition", as: PostgresJSON.self).decode(JSONValue.self),
                changedAt: try row.decode("changed_at"), changedBy: try row.decode("changed_by"))
        }
    }
}
