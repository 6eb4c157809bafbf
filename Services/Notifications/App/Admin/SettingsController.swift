import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The city's signature, link base, quiet hours, limits and retry policy; and the event types
/// rules may use, with their payload fields.
struct SettingsController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/settings") { _, context in try await settings(context) }
        router.put("/admin/settings") { request, context in try await saveSettings(request, context) }
        router.get("/admin/event-types") { request, context in try await eventTypes(request, context) }
        router.put("/admin/event-types/{type}") { request, context in try await saveEventType(request, context) }
    }

    struct SettingsBody: ResponseCodable {
        var values: [String: String]
    }

    func settings(_ context: AppRequestContext) async throws -> SettingsBody {
        _ = try context.requireRole("platformAdmin")
        return SettingsBody(values: try await pool.withConnection { try await NotificationSettings.load(on: $0) }.values)
    }

    func saveSettings(_ request: Request, _ context: AppRequestContext) async throws -> SettingsBody {
        let admin = try context.requireRole("platformAdmin")
        let input = try await request.decodeBody(SettingsBody.self, context: context)
        for (key, value) in input.values.sorted(by: { $0.key < $1.key }) {
            if let problem = NotificationSettings.problem(key: key, value: value) {
                throw APIError.invalid("values.\(key)", problem)
            }
        }
        return try await pool.withTransaction { connection in
            for (key, value) in input.values.sorted(by: { $0.key < $1.key }) {
                try await connection.execute(
                    """
                    INSERT INTO settings (key, value, updated_by) VALUES (\(key), \(value), \(admin.accountID))
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by
                    """)
                try await Audit.record(actor: admin.accountID, action: "setting.changed", target: key, on: connection)
            }
            return SettingsBody(values: try await NotificationSettings.load(on: connection).values)
        }
    }

    struct EventType: ResponseCodable {
        var eventType: String
        var description: String
        var fields: [String]
    }

    func eventTypes(_ request: Request, _ context: AppRequestContext) async throws -> Page<EventType> {
        _ = try context.requireRole("platformAdmin")
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            let total = try await connection.query("SELECT count(*) AS n FROM event_types").first?.decode("n", as: Int.self) ?? 0
            let rows = try await connection.query(
                "SELECT * FROM event_types ORDER BY event_type LIMIT \(paging.size) OFFSET \(paging.offset)")
            let items = try rows.map {
                EventType(eventType: try $0.decode("event_type"), description: try $0.decode("description"), fields: try $0.decode("fields"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }

    struct EventTypeInput: Decodable {
        var description: String
        var fields: [String]
    }

    /// Registers or changes an event type; refused when a rule still reads a field it would lose.
    func saveEventType(_ request: Request, _ context: AppRequestContext) async throws -> EventType {
        let admin = try context.requireRole("platformAdmin")
        let type = context.parameters.get("type") ?? ""
        guard type.range(of: "^qinqing\\.[a-z0-9.-]+\\.v[0-9]+$", options: .regularExpression) != nil else {
            throw APIError.invalid("type", "must look like qinqing.<service>.<thing>.<verb>.v1")
        }
        let input = try await request.decodeBody(EventTypeInput.self, context: context)
        guard !input.fields.isEmpty else { throw APIError.invalid("fields", "name at least one payload field") }
        for (index, field) in input.fields.enumerated()
        where field.range(of: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$", options: .regularExpression) == nil {
            throw APIError.invalid("fields[\(index)]", "must be a dotted field path like appeal.serial")
        }
        return try await pool.withTransaction { connection in
            try await connection.execute(
                """
                INSERT INTO event_types (event_type, description, fields) VALUES (\(type), \(input.description), \(input.fields))
                ON CONFLICT (event_type) DO UPDATE SET description = EXCLUDED.description, fields = EXCLUDED.fields,
                    updated_at = now()
                """)
            let users = try await connection.query(
                """
                SELECT \(unescaped: Rule.columns), t.code, t.category, t.title, t.body, t.version
                FROM rules r JOIN templates t ON t.code = r.template_code WHERE r.event_type = \(type)
                """)
            for row in users {
                try RuleValidator.validate(try Rule(row: row), template: try StoredTemplate(row: row), fields: Set(input.fields))
            }
            try await Audit.record(actor: admin.accountID, action: "event_type.saved", target: type, on: connection)
            return EventType(eventType: type, description: input.description, fields: input.fields)
        }
    }
}
