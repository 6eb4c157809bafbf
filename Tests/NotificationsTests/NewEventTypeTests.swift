import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import Testing

@Suite("A new event type is data")
struct NewEventTypeTests {
    @Test("an admin registers a policy event type, a template and a rule through the API; the next such event reaches the region's enterprises")
    func policyByAPI() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let inRegion = [UUID(), UUID()]
        let elsewhere = UUID()
        // 鲁山县: no other suite puts enterprises there (BrokerTests publishes one of 410402 on the real topic,
        // which every fixture running at the same time projects).
        for (id, region) in [(inRegion[0], "410423"), (inRegion[1], "410423"), (elsewhere, "410482")] {
            try await fixture.deliver(
                EnterpriseRegistered(
                    enterprise: EnterpriseProfile(enterpriseID: id, uscc: "91410400MA44XXXX1X", name: "企业", region: region, industry: "C", tags: []),
                    origin: .imported, approved: true, registeredAt: Date()))
        }
        var adminHeaders = try await fixture.bearer(AdminAPITests.admin)
        adminHeaders[.contentType] = "application/json"
        let headers = adminHeaders
        let type = "qinqing.policy.redemption-item.published.v1"
        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/admin/event-types/\(type)", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"description":"A redemption item opened","fields":["itemID","title","region","closesAt"]}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/admin/templates/redemption_item_published", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"category":"redemption","title":"新兑现事项","body":"兑现事项《{title}》已开始申报，截止{closesAt}：{link}"}"#)
            ) { response in
                // No rule uses it yet, so there is nothing to check it against.
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/admin/rules/redemption_item_published.region", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"eventType":"\#(type)","recipients":"region_enterprises","recipientPath":"region","channels":["inbox"],"templateCode":"redemption_item_published","bindings":{"title":"title","closesAt":"closesAt","link":"link:/redemption-items/{itemID}"}}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            // Dropping a field the rule reads is refused.
            try await client.execute(
                uri: "/admin/event-types/\(type)", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"description":"A redemption item opened","fields":["itemID","title","region"]}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("closesAt"))
            }
        }
        let envelope = try NotificationsFixture.envelope(
            type: type, topic: .policy, source: .policy, subject: "item-1",
            payload: ["itemID": "item-1", "title": "2026年度科技创新奖补", "region": "410423", "closesAt": "2026-12-31T15:59:00.000Z"])
        try await fixture.deliver(envelope)
        let recipients = try await fixture.pool.query("SELECT recipient_id, body FROM inbox_messages WHERE event_id = \(envelope.id)")
        #expect(Set(try recipients.map { try $0.decode("recipient_id", as: UUID.self) }) == Set(inRegion))
        #expect(try recipients.first?.decode("body", as: String.self)
            == "兑现事项《2026年度科技创新奖补》已开始申报，截止2026-12-31 23:59：https://qinqing.pds.gov.cn/redemption-items/item-1")
        #expect(try await fixture.count("SELECT count(*) FROM rule_history WHERE rule_id = 'redemption_item_published.region'") == 1)
    }
}
