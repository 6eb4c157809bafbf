import Foundation
import Postgres
import ServiceKit

/// The city's delivery settings and the event types rules may use.
enum SettingsStore {
    struct EventType: Codable, Sendable {
        var eventType: String
        var description: String
        var fields: [String]
    }

    static func settings(on connection: PostgresConnection) async throws -> NotificationSettings {
        var values: [String: String] = [:]
        for row in try await connection.query("SELECT key, value FROM settings") {
            values[try row.decode("key")] = try row.decode("value", as: String.self)
        }
        return NotificationSettings(values: values)
    }

    static func save(key: String, value: String, by accountID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO settings (key, value, updated_by) VALUES (\(key), \(value), \(accountID))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by
            """)
    }

    static func eventTypes(_ paging: Paging, on connection: PostgresConnection) async throws -> Page<EventType> {
        try await connection.page("SELECT * FROM event_types", orderBy: "event_type", paging: paging) {
            EventType(eventType: try $0.decode("event_type"), description: try $0.decode("description"), fields: try $0.decode("fields"))
        }
    }

    /// The payload fields `eventType` is registered with; nil when it is not registered.
    static func fields(ofEventType eventType: String, on connection: PostgresConnection) async throws -> [String]? {
        try await connection.query("SELECT fields FROM event_types WHERE event_type = \(eventType)")
            .first?.decode("fields", as: [String].self)
    }

    static func save(_ type: EventType, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO event_types (event_type, description, fields) VALUES (\(type.eventType), \(type.description), \(type.fields))
            ON CONFLICT (event_type) DO UPDATE SET description = EXCLUDED.description, fields = EXCLUDED.fields,
                updated_at = now()
            """)
    }
}
