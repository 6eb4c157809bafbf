import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import Testing

@Suite("In-site inbox API")
struct InboxAPITests {
    struct Page: Decodable {
        struct Item: Decodable {
            var id: Int
            var title: String
            var category: String
            var read: Bool
        }
        var items: [Item]
        var page: Int
        var size: Int
        var total: Int
        var unread: Int
    }

    static func json<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: response.body))
    }

    @Test("lists newest first with paging, filters unread and category, counts unread, marks one and all read; others' messages are 404")
    func inbox() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let me = UUID()
        let enterprise = UUID()
        for n in 1...5 {
            try await fixture.pool.execute(
                """
                INSERT INTO inbox_messages (event_id, event_type, rule_id, recipient_kind, recipient_id, category, title, body, created_at)
                VALUES (\(UUID()), 't', 'r', 'account', \(me), \(n % 2 == 0 ? "appeal" : "account"), \("消息\(n)"), 'b',
                        now() - make_interval(mins => \(10 - n)::int))
                """)
        }
        try await fixture.pool.execute(
            """
            INSERT INTO inbox_messages (event_id, event_type, rule_id, recipient_kind, recipient_id, category, title, body)
            VALUES (\(UUID()), 't', 'r', 'enterprise', \(enterprise), 'policy', '企业消息', 'b')
            """)
        let someoneElse = try #require(try await fixture.pool.query(
            """
            INSERT INTO inbox_messages (event_id, event_type, rule_id, recipient_kind, recipient_id, category, title, body)
            VALUES (\(UUID()), 't', 'r', 'account', \(UUID()), 'account', '别人的', 'b') RETURNING id
            """).first).decode("id", as: Int.self)
        let claims = AccessClaims(
            accountID: me, accountKind: .person,
            membership: .init(enterpriseID: enterprise, uscc: "91410400MA44XXXX1X", role: .member))
        let headers = try await fixture.bearer(claims)
        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/inbox/messages?page=1&size=2", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let page = try Self.json(Page.self, response)
                #expect(page.items.map(\.title) == ["消息5", "消息4"])
                #expect(page.total == 5)
                #expect(page.unread == 5)
            }
            try await client.execute(uri: "/inbox/messages?category=appeal", method: .get, headers: headers) { response throws in
                #expect(try Self.json(Page.self, response).items.map(\.title) == ["消息4", "消息2"])
            }
            let first = try await client.execute(uri: "/inbox/messages?size=1", method: .get, headers: headers) { response in
                try Self.json(Page.self, response).items[0].id
            }
            try await client.execute(uri: "/inbox/messages/\(first)/read", method: .post, headers: headers) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/inbox/messages?unread=true", method: .get, headers: headers) { response throws in
                #expect(try Self.json(Page.self, response).total == 4)
            }
            try await client.execute(uri: "/inbox/unread-count", method: .get, headers: headers) { response throws in
                #expect(String(buffer: response.body) == "{\"unread\":4}")
            }
            try await client.execute(uri: "/inbox/messages/\(someoneElse)/read", method: .post, headers: headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/inbox/messages?box=enterprise", method: .get, headers: headers) { response throws in
                #expect(try Self.json(Page.self, response).items.map(\.title) == ["企业消息"])
            }
            try await client.execute(uri: "/inbox/read-all", method: .post, headers: headers) { response throws in
                #expect(String(buffer: response.body) == "{\"marked\":4}")
            }
            try await client.execute(uri: "/inbox/unread-count", method: .get, headers: headers) { response throws in
                #expect(String(buffer: response.body) == "{\"unread\":0}")
            }
            try await client.execute(uri: "/inbox/messages?size=500", method: .get, headers: headers) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\":\"size\""))
            }
            try await client.execute(uri: "/inbox/messages", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
