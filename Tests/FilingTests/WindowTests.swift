import Foundation
import Testing

@Suite("Windows and reopening", .serialized)
struct WindowTests {
    @Test("the standing rule gives each month its window: the 1st to the 10th of the next month")
    func rule() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let window = try await harness.call(client, .get, "/filing-windows/2025-12", as: nil)
            #expect(window["opensOn"] as? String == "2026-01-01")
            #expect(window["closesOn"] as? String == "2026-01-10")
            #expect(window["source"] as? String == "rule")
            let changed = try await harness.call(client, .put, "/window-rule", as: harness.bureauAdmin, json: ["opensDay": 1, "closesDay": 15])
            #expect(changed.status == .ok)
            let later = try await harness.call(client, .get, "/filing-windows/2025-12", as: nil)
            #expect(later["closesOn"] as? String == "2026-01-15")
            let bad = try await harness.call(client, .put, "/window-rule", as: harness.bureauAdmin, json: ["opensDay": 10, "closesDay": 5])
            #expect(bad.status == .badRequest && bad.errorField == "closesDay")
            let notAdmin = try await harness.call(client, .put, "/window-rule", as: harness.cityStatistician, json: ["opensDay": 1, "closesDay": 5])
            #expect(notAdmin.status == .forbidden)
        }
    }

    @Test("outside the window a filing is refused naming the window; a reopened month takes it, for that enterprise only")
    func closedAndReopened() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            // 2024-05's window by the rule (2024-06-01 to 2024-06-10) is long past.
            let refused = try await harness.call(client, .put, "/periods/2024-05/filing", as: harness.filerA, json: Forms.filing())
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "window_closed")
            #expect(refused.errorMessage?.contains("2024-06-01 to 2024-06-10") == true)
            let list = try await harness.call(client, .get, "/reporting-enterprises?region=410482", as: nil)
            let entryA = try #require(list.items.first { $0["name"] as? String == "河南平煤神马朝川化工科技有限公司" }?["id"] as? String)
            let reopening: [String: Any] = ["period": "2024-05", "days": 3, "reason": "企业系统故障未能按时填报"]
            let byCounty = try await harness.call(client, .post, "/reporting-enterprises/\(entryA)/reopenings", as: harness.ruzhouStatistician, json: reopening)
            #expect(byCounty.status == .forbidden)
            let noReason = try await harness.call(client, .post, "/reporting-enterprises/\(entryA)/reopenings", as: harness.bureauAdmin, json: ["period": "2024-05", "days": 3])
            #expect(noReason.status == .badRequest && noReason.errorField == "reason")
            let reopened = try await harness.call(client, .post, "/reporting-enterprises/\(entryA)/reopenings", as: harness.bureauAdmin, json: reopening)
            #expect(reopened.status == .created)
            #expect(reopened["until"] as? String == FilingHarness.today.adding(days: 2).description)
            let filed = try await harness.call(client, .put, "/periods/2024-05/filing", as: harness.filerA, json: Forms.filing())
            #expect(filed.status == .created)
            let other = try await harness.call(client, .put, "/periods/2024-05/filing", as: harness.filerB, json: Forms.filing())
            #expect(other.status == .conflict && other.errorCode == "window_closed")
            #expect(try await harness.events(about: entryA) == ["qinqing.filing.month.reopened.v1"])
        }
    }
}
