@testable import PolicyApp
import Contracts
import Foundation
import HummingbirdTesting
import Postgres
import Testing

@Suite("订阅中心: subscriptions, matching on publication, messages")
struct SubscriptionTests {
    /// An approved enterprise with `tags` and a subscription `body`; answers its id.
    func enterprise(_ h: PolicyHarness, _ client: some TestClientProtocol, tags: [String] = [], subscription body: [String: Any]) async throws -> UUID {
        let id = UUID()
        try await h.dependencies.pool.withConnection { connection in
            try await IdentityProjection.upsert(
                EnterpriseProfile(enterpriseID: id, uscc: "91410400MA00000B2", name: "订阅企业", region: "410402", industry: "C", tags: tags),
                status: "approved", at: Date(), on: connection)
        }
        let created = try await h.call(client, .post, "/subscriptions", as: h.member(id), json: body)
        #expect(created.status == .created, "\(created.text)")
        return id
    }

    func publication(_ h: PolicyHarness, type: String = "finance", agency: UUID? = nil, region: String = "410400", tags: [String] = []) -> SubscriptionMatcher.Publication {
        .init(kind: .policy, id: UUID(), title: "匹配测试政策", policyTypes: [type], agencyID: agency ?? h.unit, region: region, tags: tags)
    }

    func match(_ h: PolicyHarness, _ item: SubscriptionMatcher.Publication) async throws -> Int {
        try await h.dependencies.pool.withTransaction { try await SubscriptionMatcher.match(item, at: Date(), on: $0) }
    }

    func messaged(_ h: PolicyHarness, _ item: SubscriptionMatcher.Publication) async throws -> Set<UUID> {
        Set(try await h.dependencies.pool.query("SELECT enterprise_id FROM subscription_messages WHERE item_id = \(item.id)")
            .map { try $0.decode("enterprise_id", as: UUID.self) })
    }

    @Test("each dimension matches on its own, and a combination needs all of its dimensions")
    func dimensions() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let byTag = try await enterprise(h, client, tags: ["制造业"], subscription: ["enterpriseTags": ["制造业"]])
            let byType = try await enterprise(h, client, subscription: ["policyTypes": ["tax", "finance"]])
            let byAgency = try await enterprise(h, client, subscription: ["agencyIDs": [h.otherUnit.uuidString]])
            let byRegion = try await enterprise(h, client, subscription: ["regions": ["410422"]])
            let combined = try await enterprise(h, client, subscription: ["policyTypes": ["talent"], "regions": ["410422"]])

            let tagged = publication(h, type: "industry", tags: ["制造业"])
            _ = try await match(h, tagged)
            #expect(try await messaged(h, tagged) == [byTag])
            let finance = publication(h, type: "finance")
            _ = try await match(h, finance)
            #expect(try await messaged(h, finance) == [byType])
            let other = publication(h, type: "industry", agency: h.otherUnit)
            _ = try await match(h, other)
            #expect(try await messaged(h, other) == [byAgency])
            let county = publication(h, type: "talent", agency: h.county, region: "410422")
            _ = try await match(h, county)
            #expect(try await messaged(h, county) == [byRegion, combined])
            let countyTax = publication(h, type: "tax", agency: h.county, region: "410422")
            _ = try await match(h, countyTax)
            #expect(try await messaged(h, countyTax) == [byRegion, byType])
        }
    }

    @Test("an enterprise with several matching subscriptions gets one message; a redelivery adds none; each is evented once")
    func idempotent() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let id = try await enterprise(h, client, subscription: ["policyTypes": ["finance"]])
            _ = try await h.call(client, .post, "/subscriptions", as: h.member(id), json: ["regions": ["410400"], "sms": true])
            let item = publication(h)
            #expect(try await match(h, item) == 1)
            #expect(try await match(h, item) == 0)
            // Only this publication's: the service's consumer also matches other tests' publications on the broker.
            let events = try await h.events(SubscriptionMatched.eventType).filter { $0["itemID"] as? String == item.id.uuidString }
            #expect(events.count == 1)
            #expect(events.first?["sms"] as? Bool == true)
            #expect(events.first?["enterpriseID"] as? String == id.uuidString)
            // The outbox payload decodes as the contract.
            let payloads = try await h.dependencies.pool.query("SELECT payload FROM outbox WHERE event_type = \(SubscriptionMatched.eventType)")
            let decoded = try payloads.map { try EventJSON.decode(SubscriptionMatched.self, from: try $0.decode("payload", as: Data.self)) }
            #expect(decoded.filter { $0.itemID == item.id }.count == 1)
        }
    }

    @Test("publishing through HTTP, then the consumer's handler, leaves a message the member lists newest first and marks read")
    func messages() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let subscribed = try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["enterpriseTags": ["高新技术"], "agencyIDs": [h.unit.uuidString]])
            #expect(subscribed.status == .created)
            #expect(try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["enterpriseTags": ["软件"]]).errorField == "enterpriseTags[0]")
            #expect(try await h.call(client, .post, "/subscriptions", as: h.member(), json: [String: Any]()).status == .badRequest)
            for title in ["第一条高新政策", "第二条高新政策"] {
                let id = try await h.publish(client, PolicyHarness.form(title: title, tags: ["高新技术"]))
                let detail = try await h.call(client, .get, "/policies/\(id)", as: nil)
                _ = try await match(h, .init(kind: .policy, id: id, title: title, policyTypes: ["finance"], agencyID: h.unit, region: "410400",
                                             tags: detail["tags"] as? [String] ?? []))
            }
            let list = try await h.call(client, .get, "/subscription-messages", as: h.member())
            #expect(list.titles == ["第二条高新政策", "第一条高新政策"])
            #expect(list.items.allSatisfy { $0["read"] as? Bool == false })
            let first = try #require(list.items.first?["id"] as? String)
            #expect(try await h.call(client, .post, "/subscription-messages/\(first)/read", as: h.member())["read"] as? Bool == true)
            #expect(try await h.call(client, .post, "/subscription-messages/\(first)/read", as: h.member(UUID())).status == .notFound)
            let subscriptionID = try #require(subscribed.string("id"))
            #expect(try await h.call(client, .delete, "/subscriptions/\(subscriptionID)", as: h.member()).status == .noContent)
            #expect(try await h.call(client, .get, "/subscriptions", as: h.member()).items.isEmpty)
        }
    }
}
