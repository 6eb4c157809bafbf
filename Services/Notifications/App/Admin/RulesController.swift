import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Rules: list, create or change (validated against the event type's fields and the template),
/// history.
struct RulesController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/rules") { request, context in try await list(request, context) }
        router.put("/admin/rules/{id}") { request, context in try await save(request, context) }
        router.get("/admin/rules/{id}/history") { request, context in try await history(request, context) }
    }

    struct RuleBody: ResponseCodable {
        var rule: Rule
        var version: Int
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Page<Rule> {
        _ = try context.requireRole("platformAdmin")
        let input = QueryInput(request: request)
        let paging = try Paging(request)
        var filter: PostgresQuery = " WHERE true"
        if let eventType = input.string("eventType") { filter.append(" AND event_type = \(eventType)") }
        return try await pool.withConnection { connection in
            var count: PostgresQuery = "SELECT count(*) AS n FROM rules r"
            count.append(filter)
            let total = try await connection.query(count).first?.decode("n", as: Int.self) ?? 0
            var select: PostgresQuery = "SELECT \(unescaped: Rule.columns) FROM rules r"
            select.append(filter)
            select.append(" ORDER BY rule_id LIMIT \(paging.size) OFFSET \(paging.offset)")
            let rows = try await connection.query(select)
            return Page(items: try rows.map(Rule.init(row:)), paging: paging, total: total)
        }
    }

    struct Input: Decodable {
        var eventType: String
        var recipients: Rule.Recipients
        var recipientPath: String?
        var channels: [Rule.Channel]
        var templateCode: String
        var bindings: [String: String]?
        var conditionPath: String?
        var conditionValues: [String]?
        var urgent: Bool?
        var enabled: Bool?
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> RuleBody {
        let admin = try context.requireRole("platformAdmin")
        let id = context.parameters.get("id") ?? ""
        guard id.range(of: "^[a-z][a-z0-9_.-]{1,63}$", options: .regularExpression) != nil else {
            throw APIError.invalid("id", "must be 2–64 characters of a-z, 0-9, _, - or .")
        }
        let input = try await request.decodeBody(Input.self, context: context)
        let rule = Rule(
            ruleID: id, eventType: input.eventType, recipients: input.recipients, recipientPath: input.recipientPath,
            channels: Array(Set(input.channels)).sorted { $0.rawValue < $1.rawValue }, templateCode: input.templateCode,
            bindings: input.bindings ?? [:], conditionPath: input.conditionPath, conditionValues: input.conditionValues, urgent: input.urgent ?? false, enabled: input.enabled ?? true)
        return try await pool.withTransaction { connection in
            guard let templateRow = try await connection.query(
                "SELECT * FROM templates WHERE code = \(rule.templateCode)").first
            else { throw APIError.invalid("templateCode", "no template \(rule.templateCode)") }
            try await RuleValidator.validate(rule, template: try StoredTemplate(row: templateRow), on: connection)
            let definition = try PostgresJSON(encoding: rule)
            let rows = try await connection.query(
                """
                INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                                   condition_path, condition_values, urgent, enabled, updated_by)
                VALUES (\(id), \(rule.eventType), \(rule.recipients.rawValue), \(rule.recipientPath),
                        \(rule.channels.map(\.rawValue)), \(rule.templateCode), \(try PostgresJSON(encoding: rule.bindings)),
                        \(rule.conditionPath), \(rule.conditionValues), \(rule.urgent), \(rule.enabled), \(admin.accountID))
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
                VALUES (\(id), \(version), \(definition), \(admin.accountID))
                """)
            try await Audit.record(actor: admin.accountID, action: "rule.saved", target: id, on: connection)
            return RuleBody(rule: rule, version: version)
        }
    }

    struct HistoryEntry: Codable, Sendable {
        var version: Int
        var definition: JSONValue
        var changedAt: String
        var changedBy: UUID?
    }

    func history(_ request: Request, _ context: AppRequestContext) async throws -> Page<HistoryEntry> {
        _ = try context.requireRole("platformAdmin")
        let id = context.parameters.get("id") ?? ""
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            let total = try await connection.query(
                "SELECT count(*) AS n FROM rule_history WHERE rule_id = \(id)").first?.decode("n", as: Int.self) ?? 0
            guard total > 0 else { throw APIError.notFound("rule") }
            let rows = try await connection.query(
                """
                SELECT * FROM rule_history WHERE rule_id = \(id) ORDER BY version DESC
                LIMIT \(paging.size) OFFSET \(paging.offset)
                """)
            let items = try rows.map { row in
                HistoryEntry(
                    version: try row.decode("version"),
                    definition: try row.decode("definition", as: PostgresJSON.self).decode(JSONValue.self),
                    changedAt: EventTime.format(try row.decode("changed_at", as: Date.self)),
                    changedBy: try row.decode("changed_by"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
