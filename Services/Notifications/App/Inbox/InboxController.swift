import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// In-site messages of the signed-in account (`box=account`, the default) or of the enterprise
/// its token acts for (`box=enterprise`).
struct InboxController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/inbox/messages") { request, context in try await list(request, context) }
        router.get("/inbox/unread-count") { request, context in try await unreadCount(request, context) }
        router.post("/inbox/messages/{id}/read") { request, context in try await markRead(request, context) }
        router.post("/inbox/read-all") { request, context in try await markAllRead(request, context) }
    }

    struct Box {
        var kind: String
        var id: UUID
    }

    static func box(_ request: Request, _ context: AppRequestContext) throws -> Box {
        let principal = try context.requirePrincipal()
        switch try QueryInput(request: request).oneOf("box", ["account", "enterprise"]) ?? "account" {
        case "enterprise":
            guard let membership = principal.membership else {
                throw APIError.invalid("box", "this account does not act for an enterprise")
            }
            return Box(kind: "enterprise", id: membership.enterpriseID)
        default:
            return Box(kind: "account", id: principal.accountID)
        }
    }

    struct Message: ResponseCodable {
        var id: Int
        var category: String
        var title: String
        var body: String
        var link: String?
        var eventType: String
        var createdAt: String
        var read: Bool
        var readAt: String?

        init(row: PostgresRow) throws {
            id = try row.decode("id")
            category = try row.decode("category")
            title = try row.decode("title")
            body = try row.decode("body")
            link = try row.decode("link")
            eventType = try row.decode("event_type")
            createdAt = EventTime.format(try row.decode("created_at", as: Date.self))
            let readAt = try row.decode("read_at", as: Date?.self)
            self.read = readAt != nil
            self.readAt = readAt.map(EventTime.format)
        }
    }

    struct Page: ResponseCodable {
        var items: [Message]
        var page: Int
        var size: Int
        var total: Int
        var unread: Int
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let box = try Self.box(request, context)
        let input = QueryInput(request: request)
        let paging = try Paging(request)
        let unreadOnly = try input.bool("unread") ?? false
        let category = input.string("category")
        var filter: PostgresQuery = "recipient_kind = \(box.kind) AND recipient_id = \(box.id)"
        if unreadOnly { filter.append(" AND read_at IS NULL") }
        if let category { filter.append(" AND category = \(category)") }
        return try await pool.withConnection { connection in
            var count: PostgresQuery = "SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM inbox_messages WHERE "
            count.append(filter)
            let totals = try await connection.query(count)
            var select: PostgresQuery = "SELECT * FROM inbox_messages WHERE "
            select.append(filter)
            select.append(" ORDER BY created_at DESC, id DESC LIMIT \(paging.size) OFFSET \(paging.offset)")
            let rows = try await connection.query(select)
            return Page(
                items: try rows.map(Message.init(row:)), page: paging.page, size: paging.size,
                total: try totals.first?.decode("total", as: Int.self) ?? 0,
                unread: try totals.first?.decode("unread", as: Int.self) ?? 0)
        }
    }

    struct UnreadCount: ResponseCodable {
        var unread: Int
    }

    func unreadCount(_ request: Request, _ context: AppRequestContext) async throws -> UnreadCount {
        let box = try Self.box(request, context)
        let rows = try await pool.query(
            """
            SELECT count(*) AS unread FROM inbox_messages
            WHERE recipient_kind = \(box.kind) AND recipient_id = \(box.id) AND read_at IS NULL
            """)
        return UnreadCount(unread: try rows.first?.decode("unread", as: Int.self) ?? 0)
    }

    func markRead(_ request: Request, _ context: AppRequestContext) async throws -> Message {
        let box = try Self.box(request, context)
        guard let id = Int(context.parameters.get("id") ?? "") else { throw APIError.invalid("id", "must be a message id") }
        let rows = try await pool.query(
            """
            UPDATE inbox_messages SET read_at = COALESCE(read_at, now())
            WHERE id = \(id) AND recipient_kind = \(box.kind) AND recipient_id = \(box.id)
            RETURNING *
            """)
        guard let row = rows.first else { throw APIError.notFound("message") }
        return try Message(row: row)
    }

    struct MarkedAll: ResponseCodable {
        var marked: Int
    }

    func markAllRead(_ request: Request, _ context: AppRequestContext) async throws -> MarkedAll {
        let box = try Self.box(request, context)
        var query: PostgresQuery = """
            UPDATE inbox_messages SET read_at = now()
            WHERE recipient_kind = \(box.kind) AND recipient_id = \(box.id) AND read_at IS NULL
            """
        if let category = QueryInput(request: request).string("category") { query.append(" AND category = \(category)") }
        return MarkedAll(marked: try await pool.execute(query))
    }
}
