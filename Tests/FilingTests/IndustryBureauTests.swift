import Foundation
import Testing

@Suite("市工信局's share of the key-enterprise monitoring", .serialized)
struct IndustryBureauTests {
    /// Operating rules art. 4 (二) 5: 市统计局 and 市工信局 lead the 四上企业 module; approving the data
    /// stays with the statistics bureau.
    @Test("市工信局's statisticians read every county's filings (phone masked) and its admins keep the list; neither approves nor sets windows, rules or reopenings")
    func industryBureau() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let a = try #require(try await harness.file("2025-03", as: harness.filerA, on: client)["id"] as? String)
            let c = try #require(try await harness.file("2025-03", as: harness.filerC, on: client)["id"] as? String)
            for id in [a, c] {
                let seen = try await harness.call(client, .get, "/filings/\(id)", as: harness.industryMonitor)
                #expect(seen.status == .ok)
                let phone = try #require(seen.form["contactPhone"] as? String)
                #expect(phone != Forms.phone && phone.hasPrefix("139"))
                let history = try await harness.call(client, .get, "/filings/\(id)/history", as: harness.industryMonitor)
                #expect(history.status == .ok)
            }
            let listed = try await harness.call(client, .get, "/filings?period=2025-03", as: harness.industryMonitor)
            #expect(Set(listed.items.compactMap { $0["id"] as? String }) == [a, c])
            let policySide = try await harness.call(client, .get, "/filings/\(a)", as: harness.industryUnitAdmin)
            #expect(policySide.status == .notFound)
            let policySideList = try await harness.call(client, .get, "/filings", as: harness.industryUnitAdmin)
            #expect(policySideList.status == .forbidden)

            let signed = try await harness.call(client, .post, "/filings/\(a)/countersignature", as: harness.liaison, json: [:])
            #expect(signed.status == .ok)
            for who in [harness.industryMonitor, harness.industryAdmin] {
                let approval = try await harness.call(client, .post, "/filing-approvals", as: who, json: ["period": "2025-03", "region": "410482"])
                #expect(approval.status == .forbidden)
            }
            let stillSigned = try await harness.call(client, .get, "/filings/\(a)", as: harness.filerA)
            #expect(stillSigned["status"] as? String == "countersigned")

            let entry: [String: Any] = ["region": "汝州市", "name": "河南巨龙生物工程股份有限公司", "industry": "生物医药", "reason": "市工信局纳入监测"]
            let byMonitor = try await harness.call(client, .post, "/reporting-enterprises", as: harness.industryMonitor, json: entry)
            #expect(byMonitor.status == .forbidden)
            let byPolicySide = try await harness.call(client, .post, "/reporting-enterprises", as: harness.industryUnitAdmin, json: entry)
            #expect(byPolicySide.status == .forbidden)
            let added = try await harness.call(client, .post, "/reporting-enterprises", as: harness.industryAdmin, json: entry)
            #expect(added.status == .created)
            let id = try #require(added["id"] as? String)
            let removed = try await harness.call(client, .post, "/reporting-enterprises/\(id)/removal", as: harness.industryAdmin, json: ["reason": "已迁出"])
            #expect(removed.status == .ok && removed["active"] as? Bool == false)
            let history = try await harness.call(client, .get, "/reporting-enterprises/\(id)/history", as: harness.industryMonitor)
            #expect(history.items.map { $0["action"] as? String } == ["added", "removed"])

            let reportingEntry = try #require(try await harness.call(client, .get, "/filings/\(a)", as: harness.filerA)["reportingEnterpriseID"] as? String)
            let reopening = try await harness.call(
                client, .post, "/reporting-enterprises/\(reportingEntry)/reopenings", as: harness.industryAdmin,
                json: ["period": "2025-03", "days": 2, "reason": "更正"])
            #expect(reopening.status == .forbidden)
            let window = try await harness.call(client, .put, "/window-rule", as: harness.industryAdmin, json: ["opensDay": 1, "closesDay": 12])
            #expect(window.status == .forbidden)
            let rule = try await harness.call(
                client, .put, "/validation-rules/ytd-at-least-month", as: harness.industryAdmin, json: ["active": false])
            #expect(rule.status == .forbidden)
        }
    }
}
