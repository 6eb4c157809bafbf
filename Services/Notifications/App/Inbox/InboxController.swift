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

    static func box(_ request: Request, _ context: AppRequestContext) throws -> InboxStore.Box {
        let principal = try context.requirePrincipal()
        switch try QueryInput(request: request).oneOf("box", ["account", "enterprise"]) ?? "account" {
        case "enterprise":
            guard let membership = principal.membership else {
                throw APIError(.forbidden, code: "forbidden", message: "this account does not act for an enterprise", field: "box")
            }
            return .init(kind: "enterprise", id: membership.enterpriseID)
        default:
            return .init(kind: "account", id: principal.accountID)
        }
    }

    struct InboxPage: ResponseCodable {
        var items: [InboxStore.Message]
        var page: Int
        var size: Int
        var total: Int
        var unread: Int
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> InboxPage {
        let box = try Self.box(request, context)
        let input = QueryInput(request: request)
        let paging = try Paging(request)
        let unreadOnly = try input.bool("unread") ?? false
        let category = input.string("category")
        let (page, unread) = try await pool.withConnection { connection in
            try await InboxStore.page(box, unreadOnly: unreadOnly, category: category, paging: paging, on: connection)
        }
        return InboxPage(items: page.items, page: page.page, size: page.size, total: page.total, unread: unread)
    }

    struct UnreadCount: ResponseCodable {
        var unread: Int
    }

    func unreadCount(_ request: Request, _ context: AppRequestContext) async throws -> UnreadCount {
        let box = try Self.box(request, context)
        return UnreadCount(unread: try await pool.withConnection { try await InboxStore.unreadCount(box, on: $0) })
    }

    func markRead(_ request: Request, _ context: AppRequestContext) async throws -> InboxStore.Message {
        let box = try Self.box(request, context)
        let id = try context.pathNumber("id")
        guard let message = try await pool.withConnection({ try await InboxStore.markRead(id, in: box, on: $0) }) else {
            throw APIError.notFound("message")
        }
        return message
    }

    struct MarkedAll: ResponseCodable {
        var marked: Int
    }

    func markAllRead(_ request: Request, _ context: AppRequestContext) async throws -> MarkedAll {
        let box = try Self.box(request, context)
        let category = QueryInput(request: request).string("category")
        return MarkedAll(marked: try await pool.withConnection { try await InboxStore.markAllRead(box, category: category, on: $0) })
    }
}

extension InboxStore.Message: ResponseEncodable {}
