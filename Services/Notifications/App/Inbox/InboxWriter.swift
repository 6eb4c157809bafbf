import Postgres

/// Writes in-site messages set-based: one statement per rule, however many recipients.
enum InboxWriter {
    @discardableResult
    static func insert(_ message: RenderedMessage, recipients: PostgresQuery, on connection: PostgresConnection) async throws -> Int {
        var query: PostgresQuery = """
            INSERT INTO inbox_messages (event_id, event_type, rule_id, recipient_kind, recipient_id, category, title, body, link)
            SELECT DISTINCT \(message.eventID), \(message.eventType), \(message.ruleID), r.kind, r.id,
                   \(message.category), \(message.title), \(message.body), \(message.link)
            FROM (
            """
        query.append(recipients)
        query.append(") AS r ON CONFLICT (event_id, recipient_kind, recipient_id) DO NOTHING")
        return try await connection.execute(query)
    }
}
