import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Membership-expiring rule")
struct IdentityRuleTests {
    @Test("tells the member and both enterprise admins by SMS and in-site, with the city's signature, once however often redelivered")
    func membershipExpiring() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        let cast = Cast()
        try await cast.project(into: fixture)
        // 2026-12-01 10:00 Beijing time.
        let expiresAt = try #require(EventTime.parse("2026-12-01T02:00:00Z"))
        let event = MembershipExpiring(
            membershipID: cast.membershipID, enterpriseID: cast.enterpriseID, enterpriseName: cast.enterpriseName,
            accountID: cast.memberID, expiresAt: expiresAt)
        let envelope = try await fixture.deliver(event)

        let sms = try await fixture.pool.query(
            "SELECT account_id, text, status, parts FROM sms_messages WHERE event_id = \(envelope.id) ORDER BY text")
        let byAccount = Dictionary(uniqueKeysWithValues: try sms.map { (try $0.decode("account_id", as: UUID.self), try $0.decode("text", as: String.self)) })
        #expect(Set(byAccount.keys) == [cast.memberID, cast.adminID, cast.otherAdminID])
        #expect(byAccount[cast.memberID] == "【平顶山亲清平台】您在平顶山市天瑞煤焦化有限公司的企业授权将于2026-12-01 10:00到期，请及时联系企业管理员续期。")
        #expect(byAccount[cast.adminID] == "【平顶山亲清平台】平顶山市天瑞煤焦化有限公司有一名成员的企业授权将于2026-12-01 10:00到期，如需继续授权请登录平台续期。")
        #expect(try sms.allSatisfy { try $0.decode("status", as: String.self) == "pending" })
        let inbox = try await fixture.pool.query(
            "SELECT recipient_id, title FROM inbox_messages WHERE event_id = \(envelope.id) AND recipient_kind = 'account'")
        #expect(Set(try inbox.map { try $0.decode("recipient_id", as: UUID.self) }) == [cast.memberID, cast.adminID, cast.otherAdminID])
        #expect(try inbox.first { try $0.decode("recipient_id", as: UUID.self) == cast.memberID }?.decode("title", as: String.self) == "企业授权即将到期")

        // Redelivered through the inbox, and even applied again behind its back: nothing doubles.
        #expect(try await fixture.deliver(envelope) == false)
        try await fixture.applyBypassingInbox(envelope)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id)") == 3)
        #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == 3)
    }

    @Test("an event type without rules produces nothing; a malformed body for a ruled type is refused")
    func noRulesNoMessages() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let envelope = try NotificationsFixture.envelope(
            type: "qinqing.policy.policy.published.v1", topic: .policy, source: .policy, subject: "x", payload: ["a": 1])
        try await fixture.deliver(envelope)
        #expect(try await fixture.count("SELECT count(*) FROM inbox_messages") == 0)

        var broken = try NotificationsFixture.envelope(
            type: MembershipExpiring.eventType, topic: .identity, source: .identity, subject: "x", payload: [:])
        broken.data = Data("[1,2]".utf8)
        await #expect(throws: (any Error).self) { try await fixture.deliver(broken) }
    }
}
