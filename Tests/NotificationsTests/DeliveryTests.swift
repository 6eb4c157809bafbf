import Contracts
import Foundation
import WorkCalendar
@testable import NotificationsApp
import Postgres
import Testing

@Suite("SMS delivery")
struct DeliveryTests {
    /// A fixture with the cast projected, quiet hours off, and one membership-expiring event delivered.
    static func expiring(_ fixture: NotificationsFixture, cast: Cast) async throws -> EventEnvelope {
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        try await cast.project(into: fixture)
        return try await fixture.deliver(expiringEvent(cast))
    }

    static let expiresAt = Date(timeIntervalSince1970: 1_796_090_400)  // 2026-12-01 10:00 Beijing time

    static func expiringEvent(_ cast: Cast) -> MembershipExpiring {
        MembershipExpiring(
            membershipID: cast.membershipID, enterpriseID: cast.enterpriseID, enterpriseName: cast.enterpriseName,
            accountID: cast.memberID, expiresAt: expiresAt)
    }

    @Test("the local provider records each SMS with its phone sealed; the message is sent once and logged")
    func localProvider() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        let envelope = try await Self.expiring(fixture, cast: cast)
        #expect(try await fixture.dispatcher().dispatchOnce() == 3)
        #expect(try await fixture.dispatcher().dispatchOnce() == 0)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'sent' AND event_id = \(envelope.id)") == 3)
        #expect(try await fixture.count("SELECT count(*) FROM local_sms") == 3)
        #expect(try await fixture.count("SELECT count(*) FROM local_sms WHERE phone_sealed::text LIKE '%3133383132333435363738%'") == 0)
        let outcomes = try await fixture.strings(
            """
            SELECT a.outcome FROM sms_attempts a JOIN sms_messages s ON s.id = a.sms_id
            WHERE s.account_id = \(cast.memberID) ORDER BY a.id
            """)
        #expect(outcomes == ["queued", "sent"])
    }

    @Test("a failing provider is retried with backoff up to the limit, then the SMS fails and falls back to an in-site message")
    func retryThenFallback() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await fixture.setting("retry_max_attempts", "3")
        try await fixture.setting("retry_base_seconds", "0")
        let envelope = try await Self.expiring(fixture, cast: cast)
        // Only the member's SMS is under test; the admins already have in-site messages from the rule.
        try await fixture.pool.execute("DELETE FROM sms_attempts WHERE sms_id IN (SELECT id FROM sms_messages WHERE account_id <> \(cast.memberID))")
        try await fixture.pool.execute("DELETE FROM sms_messages WHERE account_id <> \(cast.memberID)")
        try await fixture.pool.execute("DELETE FROM inbox_messages WHERE recipient_id = \(cast.memberID)")
        let unreachable = HTTPSmsProvider(
            configuration: .init(url: URL(string: "http://127.0.0.1:9/sms")!, accessKey: "k", secret: "0123456789abcdef", timeout: 2))
        let dispatcher = fixture.dispatcher(provider: unreachable)

        try await dispatcher.dispatchOnce()
        #expect(try await fixture.strings("SELECT status FROM sms_messages") == ["retrying"])
        try await dispatcher.dispatchOnce()
        try await dispatcher.dispatchOnce()
        #expect(try await fixture.strings("SELECT status FROM sms_messages") == ["failed"])
        #expect(try await fixture.count("SELECT attempts FROM sms_messages") == 3)
        #expect(try await dispatcher.dispatchOnce() == 0)
        let outcomes = try await fixture.strings("SELECT outcome FROM sms_attempts ORDER BY id")
        #expect(outcomes == ["queued", "provider_error", "provider_error", "provider_error", "failed", "fallback_inbox"])
        let fallback = try await fixture.pool.query(
            "SELECT body, origin FROM inbox_messages WHERE recipient_id = \(cast.memberID) AND event_id = \(envelope.id)")
        #expect(fallback.count == 1)
        #expect(try fallback.first?.decode("origin", as: String.self) == "sms_fallback")
        #expect(try fallback.first?.decode("body", as: String.self).hasPrefix("【平顶山亲清平台】您在") == true)
    }

    @Test("non-urgent SMS in quiet hours are deferred to the end of them, not dropped; urgent ones go at once")
    func quietHours() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await cast.project(into: fixture)
        // Quiet from an hour ago to an hour ahead, Beijing time.
        let calendar = BeijingTime.calendar
        func hhmm(_ date: Date) -> String {
            let c = calendar.dateComponents([.hour, .minute], from: date)
            return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        }
        let now = Date()
        try await fixture.setting("quiet_start", hhmm(now.addingTimeInterval(-3600)))
        try await fixture.setting("quiet_end", hhmm(now.addingTimeInterval(3600)))
        let envelope = try await fixture.deliver(
            MembershipExpiring(
                membershipID: cast.membershipID, enterpriseID: cast.enterpriseID, enterpriseName: cast.enterpriseName,
                accountID: cast.memberID, expiresAt: now.addingTimeInterval(86400)))
        let rows = try await fixture.pool.query("SELECT status, next_attempt_at FROM sms_messages WHERE event_id = \(envelope.id)")
        #expect(rows.count == 3)
        for row in rows {
            #expect(try row.decode("status", as: String.self) == "deferred")
            let next = try row.decode("next_attempt_at", as: Date.self)
            #expect(next > now.addingTimeInterval(3000) && next <= now.addingTimeInterval(3600))
        }
        #expect(try await fixture.dispatcher().dispatchOnce() == 0)
        // Still there an hour later: due, and sent once quiet hours are over.
        try await fixture.setting("quiet_end", hhmm(now.addingTimeInterval(-1800)))
        #expect(try await fixture.dispatcher().dispatchOnce(now: now.addingTimeInterval(3700)) == 3)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'sent'") == 3)

        // An urgent rule ignores quiet hours.
        try await fixture.setting("quiet_end", hhmm(now.addingTimeInterval(3600)))
        try await fixture.pool.execute("UPDATE rules SET urgent = true")
        let urgent = try await fixture.deliver(
            MembershipExpiring(
                membershipID: UUID(), enterpriseID: cast.enterpriseID, enterpriseName: cast.enterpriseName,
                accountID: cast.memberID, expiresAt: now.addingTimeInterval(3600)))
        #expect(try await fixture.strings("SELECT DISTINCT status FROM sms_messages WHERE event_id = \(urgent.id)") == ["pending"])
    }

    @Test("identical texts to one account within the merge window are merged; over the hourly limit SMS wait")
    func limits() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await fixture.setting("sms_per_hour", "2")
        _ = try await Self.expiring(fixture, cast: cast)
        // The same content in a second event (another id, the same text): merged into the first.
        try await fixture.deliver(Self.expiringEvent(cast))
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'merged' AND merged_into IS NOT NULL") == 3)

        // Three different texts to the member: two go this hour, the third waits.
        try await fixture.pool.execute("DELETE FROM sms_attempts")
        try await fixture.pool.execute("DELETE FROM sms_messages")
        for day in 1...3 {
            try await fixture.deliver(
                MembershipExpiring(
                    membershipID: UUID(), enterpriseID: cast.enterpriseID, enterpriseName: cast.enterpriseName,
                    accountID: cast.memberID, expiresAt: Date().addingTimeInterval(Double(day) * 86400)))
        }
        try await fixture.dispatcher().dispatchOnce()
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE account_id = \(cast.memberID) AND status = 'sent'") == 2)
        let waiting = try await fixture.pool.query(
            "SELECT status, status_reason FROM sms_messages WHERE account_id = \(cast.memberID) AND status <> 'sent'")
        #expect(waiting.count == 1)
        #expect(try waiting.first?.decode("status", as: String.self) == "deferred")
        #expect(try waiting.first?.decode("status_reason", as: String?.self)?.contains("hourly limit") == true)
    }
}
