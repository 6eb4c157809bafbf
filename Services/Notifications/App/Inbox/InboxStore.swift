import Foundation
import Postgres
import ServiceKit

/// In-site messages as their recipients read them: one box (an account's or an enterprise's) at a time.
enum InboxStore {
    struct Box: Sendable {
        var kind: String
        var id: UUID
    }

    struct Message: Codable, Sendable {
        var id: Int
        var category: String
        var title: String
        var body: String
        var link: String?
        var eventType: String
        var createdAt: Date
        var read: Bool
        var readAt: Date?

        init(row: PostgresRow) throws {
            id = try row.decode("id")
            category = try row.decode("category")
            title = try row.decode("title")
            body = try row.decode("body")
            link = try row.decode("link")
            eventType = try row.decode("event_type")
            createdAt = try row.decode("created_at")
            readAt = try row.decode("read_at")
            read = readAt != nil
        }
    }

    /// Newest first; `unread` counts the whole box (or its category), whatever `unreadOnly` says.
    static func page(
        _ box: Box, unreadOnly: Bool, category: String?, paging: Paging, on connection: PostgresConnection
    ) async throws -> (page: Page<Message>, unread: Int) {
        var query: PostgresQuery = "SELECT * FROM inbox_messages WHERE recipient_kind = \(box.kind) AND recipient_id = \(box.id)"
        if unreadOnly { query.append(" AND read_at IS NULL") }
        if let category { query.append(" AND category = \(category)") }
        let page = try await connection.page(query, orderBy: "created_at DESC, id DESC", paging: paging, Message.init(row:))
        return (page, try await unreadCount(box, category: category, on: connection))
    }

    static func unreadCount(_ box: Box, category: String? = nil, on connection: PostgresConnection) async throws -> Int {
        var query: PostgresQuery = """
            SELECT count(*) AS unread FROM inbox_messages
            WHERE recipient_kind = \(box.kind) AND recipient_id = \(box.id) AND read_at IS NULL
            """
        if let category { query.append(" AND category = \(category)") }
        return try await connection.query(query).first?.decode("unread", as: Int.self) ?? 0
    }

    /// The message, now read; nil when the box has no such message.
    static func markRead(_ id: Int, in box: Box, on connection: PostgresConnection) async throws -> Message? {
        let rows = try await connection.query(
            """
            UPDATE inbox_messages SET read_at = COALESCE(read_at, now())
            WHERE id = \(id) AND recipient_kind = \(box.kind) AND recipient_id = \(box.id)
            RETURNING *
            """)
        return try rows.first.map(Message.init(row:))
    }

    /// How many unread messages (optionally of one category) it marked.
    static func markAllRead(_ box: Box, category: String?, on connection: PostgresConnection) async throws -> Int {
        var query: PostgresQuery = """
            UPDATE inbox_messages SET read_at = now()
            WHERE recipient_kind = \(box.kind) AND recipient_id = \(box.id) AND read_at IS NULL
            """
        if let category { query.append(" AND category = \(category)") }
        return try await connection.execute(query)
    }
}
