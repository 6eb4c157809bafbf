@testable import PolicyApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("谁发布，谁审核: drafts, review, versions, withdrawal, the 24-hour rule")
struct PolicyReviewTests {
    @Test("an editor drafts, a reviewer of the same unit publishes; the editor's draft is not public until then")
    func draftReviewPublish() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let editor = h.editor(h.unit)
            let created = try await h.call(client, .post, "/policies", as: editor, json: PolicyHarness.form(title: "关于支持制造业发展的若干措施"))
            #expect(created.status == .created)
            let id = try #require(created.string("id"))
            #expect(try await h.call(client, .get, "/policies/\(id)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/policies/\(id)", as: h.reviewer(h.unit)).status == .ok)
            // Publishing before submission is a conflict.
            #expect(try await h.call(client, .post, "/policies/\(id)/publication", as: h.reviewer(h.unit)).status == .conflict)
            #expect(try await h.call(client, .post, "/policies/\(id)/submission", as: editor).status == .ok)
            let drafts = try await h.call(client, .get, "/policy-drafts?state=reviewing", as: h.reviewer(h.unit))
            #expect(drafts.items.count == 1)
            // Another unit's reviewer cannot see or publish it.
            #expect(try await h.call(client, .post, "/policies/\(id)/publication", as: h.reviewer(h.otherUnit)).status == .notFound)
            let published = try await h.call(client, .post, "/policies/\(id)/publication", as: h.reviewer(h.unit))
            #expect(published.status == .ok)
            #expect(published.string("status") == "published")
            #expect(published["version"] as? Int == 1)
            #expect(try await h.call(client, .get, "/policies/\(id)", as: nil).string("agencyName") == "平顶山市工业和信息化局")
            #expect(try await h.events(PolicyPublished.eventType).count == 1)
            let history = try await h.call(client, .get, "/policies/\(id)/history", as: h.platformAdmin)
            #expect(history.items.compactMap { $0["action"] as? String } == ["drafted", "submitted", "published"])
            let audit = try await h.dependencies.pool.query("SELECT count(*)::bigint AS n FROM audit_trail WHERE subject_kind = 'policy'")
            #expect(try audit[0].decode("n", as: Int64.self) == 3)
        }
    }

    @Test("nobody publishes a draft they edited; a reviewer of another unit is refused on a published policy")
    func ownDraftAndOtherUnit() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let both = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyEditor", "policyReviewer"], unitID: h.unit)
            let created = try await h.call(client, .post, "/policies", as: both, json: PolicyHarness.form(title: "自审测试"))
            let id = try #require(created.string("id"))
            #expect(try await h.call(client, .post, "/policies/\(id)/submission", as: both).status == .ok)
            let own = try await h.call(client, .post, "/policies/\(id)/publication", as: both)
            #expect(own.status == .forbidden)
            #expect(own.errorCode == "own_draft")
            #expect(try await h.call(client, .post, "/policies/\(id)/publication", as: h.reviewer(h.unit)).status == .ok)
            let withdraw = try await h.call(client, .post, "/policies/\(id)/withdrawal", as: h.reviewer(h.otherUnit), json: ["reason": "x"])
            #expect(withdraw.status == .forbidden)
            let edit = try await h.call(client, .put, "/policies/\(id)", as: h.editor(h.otherUnit), json: PolicyHarness.form(title: "改"))
            #expect(edit.status == .forbidden)
        }
    }

    @Test("a county publishes its own region's policies, not another region's; a city unit covers its counties")
    func countyScope() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let outside = try await h.call(client, .post, "/policies", as: h.editor(h.county), json: PolicyHarness.form(title: "叶县政策", region: "410402"))
            #expect(outside.status == .badRequest)
            #expect(outside.errorField == "region")
            let id = try await h.publish(client, PolicyHarness.form(title: "叶县惠企政策", region: "410422"), unit: h.county)
            let city = try await h.call(client, .post, "/policies/\(id)/withdrawal", as: h.reviewer(h.unit), json: ["reason": "越权"])
            #expect(city.status == .forbidden)
            #expect(try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: PolicyHarness.form(title: "市级", region: "410422")).status == .created)
        }
    }

    @Test("a return carries its reason; the editor resubmits; the reason is kept in the history")
    func returnWithReason() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let editor = h.editor(h.unit)
            let id = try #require(try await h.call(client, .post, "/policies", as: editor, json: PolicyHarness.form(title: "退回测试")).string("id"))
            _ = try await h.call(client, .post, "/policies/\(id)/submission", as: editor)
            let noReason = try await h.call(client, .post, "/policies/\(id)/return", as: h.reviewer(h.unit), json: [String: Any]())
            #expect(noReason.errorField == "reason")
            let returned = try await h.call(client, .post, "/policies/\(id)/return", as: h.reviewer(h.unit), json: ["reason": "文号有误"])
            #expect(returned.string("reviewState") == "returned")
            #expect(returned.string("returnReason") == "文号有误")
            #expect(try await h.call(client, .put, "/policies/\(id)", as: editor, json: PolicyHarness.form(title: "退回测试", number: "平工信〔2026〕2号")).status == .ok)
            _ = try await h.call(client, .post, "/policies/\(id)/submission", as: editor)
            let published = try await h.call(client, .post, "/policies/\(id)/publication", as: h.reviewer(h.unit))
            #expect(published.string("documentNumber") == "平工信〔2026〕2号")
            let history = try await h.call(client, .get, "/policies/\(id)/history", as: editor)
            #expect(history.items.contains { $0["reason"] as? String == "文号有误" })
        }
    }

    @Test("the 24-hour rule: hours from issue to publication recorded; a later one is flagged and evented")
    func timeliness() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let late = try await h.publish(client, PolicyHarness.form(title: "迟发政策", issuedHoursAgo: 30))
            let onTime = try await h.publish(client, PolicyHarness.form(title: "及时政策", issuedHoursAgo: 2))
            let lateView = try await h.call(client, .get, "/policies/\(late)", as: nil)
            #expect(lateView["late"] as? Bool == true)
            #expect(lateView.string("hoursToPublish")?.hasPrefix("30.") == true)
            #expect(try await h.call(client, .get, "/policies/\(onTime)", as: nil)["late"] as? Bool == false)
            let events = try await h.events(PolicyPublishedLate.eventType)
            #expect(events.count == 1)
            #expect(events.first?["policyID"] as? String == late.uuidString)
        }
    }

    @Test("a revision keeps every version; withdrawal keeps the record and says why")
    func versionsAndWithdrawal() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let id = try await h.publish(client, PolicyHarness.form(title: "第一版"))
            let editor = h.editor(h.unit)
            #expect(try await h.call(client, .put, "/policies/\(id)", as: editor, json: PolicyHarness.form(title: "第二版")).status == .ok)
            // The public still sees the first version while the revision waits.
            #expect(try await h.call(client, .get, "/policies/\(id)", as: nil).string("title") == "第一版")
            _ = try await h.call(client, .post, "/policies/\(id)/submission", as: editor)
            #expect(try await h.call(client, .post, "/policies/\(id)/publication", as: h.reviewer(h.unit)).status == .ok)
            let detail = try await h.call(client, .get, "/policies/\(id)", as: nil)
            #expect(detail.string("title") == "第二版")
            let versions = detail["versions"] as? [[String: Any]] ?? []
            #expect(versions.compactMap { ($0["content"] as? [String: Any])?["title"] as? String } == ["第一版", "第二版"])
            #expect(try await h.events(PolicyRevised.eventType).count == 1)
            let withdrawn = try await h.call(client, .post, "/policies/\(id)/withdrawal", as: h.reviewer(h.unit), json: ["reason": "政策已废止"])
            #expect(withdrawn.string("status") == "withdrawn")
            let after = try await h.call(client, .get, "/policies/\(id)", as: nil)
            #expect(after.string("withdrawalReason") == "政策已废止")
            #expect(try await h.call(client, .get, "/policies", as: nil).items.isEmpty)
            #expect(try await h.events(PolicyWithdrawn.eventType).count == 1)
        }
    }

    @Test("bodies are sanitized: script, event handlers and javascript: links never come back")
    func sanitizedBody() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let body = #"<p onclick="x()">正文<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a><a href="https://www.pds.gov.cn/">官网</a></p>"#
            let id = try await h.publish(client, PolicyHarness.form(title: "清洗测试", body: body))
            let text = try #require(try await h.call(client, .get, "/policies/\(id)", as: nil).string("body"))
            #expect(!text.lowercased().contains("<script"))
            #expect(!text.lowercased().contains("onerror"))
            #expect(!text.lowercased().contains("onclick"))
            #expect(!text.lowercased().contains("javascript:"))
            #expect(text.contains(#"<a href="https://www.pds.gov.cn/">官网</a>"#))
        }
    }
}
