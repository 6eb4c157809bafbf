import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

/// The filing reminders of migration 0015: the day before a window closes the members of each unfiled
/// enterprise get an SMS and an in-site message; at the close, the missing enterprise's members and
/// (in-site) its liaison.
@Suite("Filing reminders")
struct FilingReminderTests {
    @Test("closing soon and missing reach the enterprise's members by SMS and in-site, and the liaison in-site")
    func reminders() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await cast.project(into: fixture)
        let unfiled = UnfiledEnterprise(reportingEnterpriseID: UUID(), enterpriseID: cast.enterpriseID, name: cast.enterpriseName, region: "410402")
        let soon = try EventEnvelope(
            FilingWindowClosingSoon(period: "2026-11", opensOn: "2026-12-01", closesOn: "2026-12-10", unfiled: [unfiled]), producer: .filing)
        #expect(try await fixture.deliver(soon))
        #expect(try await fixture.count(
            """
            SELECT count(DISTINCT recipient_id) FROM inbox_messages
            WHERE event_id = \(soon.id) AND recipient_id IN (\(cast.memberID), \(cast.adminID), \(cast.otherAdminID))
            """) == 3)
        #expect(try await fixture.count("SELECT count(DISTINCT account_id) FROM sms_messages WHERE event_id = \(soon.id)") == 3)
        let text = try await fixture.strings("SELECT DISTINCT body FROM inbox_messages WHERE event_id = \(soon.id)")
        #expect(text.first?.contains("2026-11月度数据") == true && text.first?.contains("2026-12-10截止") == true)
        let missing = try EventEnvelope(FilingMissing(enterprise: unfiled, period: "2026-11", closesOn: "2026-12-10"), producer: .filing)
        #expect(try await fixture.deliver(missing))
        #expect(try await fixture.count("SELECT count(DISTINCT account_id) FROM sms_messages WHERE event_id = \(missing.id)") == 3)
        #expect(try await fixture.count(
            "SELECT count(*) FROM inbox_messages WHERE event_id = \(missing.id) AND recipient_id = \(cast.liaisonID)") == 1)
        #expect(try await fixture.count(
            "SELECT count(*) FROM sms_messages WHERE event_id = \(missing.id) AND account_id = \(cast.liaisonID)") == 0)
    }
}
