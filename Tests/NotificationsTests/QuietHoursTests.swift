import Contracts
import Foundation
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import Testing

/// Issue 10, item 7: an SMS held by quiet hours shows as held, with the time it will go, on the
/// local run's `/local/sms` and in the delivery log.
@Suite("Quiet hours are visible")
struct QuietHoursTests {
    @Test("a held SMS is listed as held with its time on /local/sms (phone masked) and in the delivery log")
    func heldIsShown() async throws {
        let (fixture, cast) = try await AppealsRuleTests.prepared()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "23:59")
        let replied = try AppealsRuleTests.envelope(
            "replied", cast: cast, status: "replied", extra: ["handlerName": "李娜", "content": "已安排清淤"])
        try await fixture.deliver(replied)
        let heldUntil = try #require(try await fixture.pool.query(
            "SELECT next_attempt_at FROM sms_messages WHERE event_id = \(replied.id) AND account_id = \(cast.adminID)"
        ).first).decode("next_attempt_at", as: Date.self)
        let admin = try await fixture.bearer(AdminAPITests.admin)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/local/sms", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                let page = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let items = (page?["items"] as? [[String: Any]]) ?? []
                let mine = items.first { ($0["accountID"] as? String)?.lowercased() == cast.adminID.uuidString.lowercased() }
                #expect(mine?["status"] as? String == "held")
                let shown = (mine?["heldUntil"] as? String).flatMap(EventTime.parse)
                #expect(shown.map { abs($0.timeIntervalSince(heldUntil)) < 0.001 } == true)
                #expect(mine?["heldFor"] as? String == "quiet hours")
                #expect(mine?["phone"] as? String == "139****1111")
                #expect((mine?["text"] as? String)?.contains("您的诉求SQ202611000123已由") == true)
            }
            try await client.execute(uri: "/admin/sms?eventID=\(replied.id)&status=deferred", method: .get, headers: admin) { response in
                let page = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let items = (page?["items"] as? [[String: Any]]) ?? []
                #expect(items.count == 2)
                #expect(items.allSatisfy { $0["heldUntil"] as? String != nil && $0["statusReason"] as? String == "quiet hours" })
            }
        }
    }
}
