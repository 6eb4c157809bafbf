import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Policy rules (migration 0014)")
struct PolicyRuleTests {
    /// Delivers `event` as the policy service produced it.
    func policy<Event: DomainEvent>(_ fixture: NotificationsFixture, _ event: Event) async throws -> EventEnvelope {
        let envelope = try EventEnvelope(event, producer: .policy)
        try await fixture.deliver(envelope)
        return envelope
    }

    @Test("a subscription match tells the enterprise's members in-site, and by SMS only when the subscription asked")
    func subscriptionMatched() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        let cast = Cast()
        try await cast.project(into: fixture)
        let quiet = try await policy(fixture,
            SubscriptionMatched(messageID: UUID(), enterpriseID: cast.enterpriseID, itemKind: "policy", itemID: UUID(),
                                title: "小微企业税收优惠政策", sms: false, matchedAt: Date()))
        let inbox = try await fixture.strings(
            "SELECT title FROM inbox_messages WHERE event_id = \(quiet.id) AND recipient_kind = 'account'")
        #expect(inbox.count == 3)
        #expect(inbox.allSatisfy { $0 == "订阅消息" })
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(quiet.id)") == 0)

        let loud = try await policy(fixture,
            SubscriptionMatched(messageID: UUID(), enterpriseID: cast.enterpriseID, itemKind: "policy", itemID: UUID(),
                                title: "技术改造补贴办法", sms: true, matchedAt: Date()))
        let texts = try await fixture.strings("SELECT text FROM sms_messages WHERE event_id = \(loud.id)")
        #expect(texts.count == 3)
        #expect(texts.first == "【平顶山亲清平台】您订阅的政策有更新：技术改造补贴办法，请登录平台“订阅中心”查看。")
    }

    @Test("a late publication tells the issuing unit's admins in-site")
    func publishedLate() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await cast.project(into: fixture)
        let envelope = try await policy(fixture,
            PolicyPublishedLate(policyID: UUID(), agencyID: cast.unitID, region: "410400", issuedAt: Date().addingTimeInterval(-30 * 3600),
                                publishedAt: Date(), hoursToPublish: "30.00"))
        let recipients = try await fixture.pool.query(
            "SELECT recipient_id FROM inbox_messages WHERE event_id = \(envelope.id) AND recipient_kind = 'account'")
        #expect(try recipients.map { try $0.decode("recipient_id", as: UUID.self) } == [cast.unitAdminID])
    }
}
