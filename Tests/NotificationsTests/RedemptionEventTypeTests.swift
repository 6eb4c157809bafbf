import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("政策兑现 event types registered for rules")
struct RedemptionEventTypeTests {
    @Test("redemption-item.published is registered with every field its payload carries, so a template may use any of them")
    func itemPublishedIsRegistered() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let event = RedemptionItemPublished(
            item: .init(
                id: UUID(), project: "项目", title: "事项", region: "410400", policyTypes: ["finance"], supportKind: "资金扶持", amount: "1.00",
                amountFigure: "1.00", applicantKind: "enterprise", processingDays: 1, windowFrom: "2027-01-01", windowTo: "2027-01-02",
                unitID: UUID()),
            policyID: UUID(), policyTitle: "政策", draftedBy: UUID(), publishedBy: UUID(), publishedAt: Date())
        let payload = try JSONSerialization.jsonObject(with: try EventJSON.encode(event)) as? [String: Any] ?? [:]
        func paths(_ object: [String: Any], _ prefix: String = "") -> [String] {
            object.flatMap { key, value -> [String] in
                if let nested = value as? [String: Any] { return paths(nested, "\(prefix)\(key).") }
                return ["\(prefix)\(key)"]
            }
        }
        let rows = try await fixture.pool.query(
            "SELECT fields FROM event_types WHERE event_type = \(RedemptionItemPublished.eventType)")
        let fields = try #require(rows.first).decode("fields", as: [String].self)
        #expect(Set(fields) == Set(paths(payload)))
    }
}
