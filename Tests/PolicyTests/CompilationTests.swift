import Contracts
import Foundation
import HummingbirdTesting
@testable import PolicyApp
import Testing

@Suite("政策汇编 compilations")
struct CompilationTests {
    @Test("a reviewer assembles published policies in order; anyone reads it and downloads one printable HTML page; it is evented")
    func assembleReadPrint() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let second = try await h.publish(client, PolicyHarness.form(title: "关于支持中小企业融资的若干措施", number: "平工信〔2026〕2号"))
            let first = try await h.publish(
                client, PolicyHarness.form(title: "税收优惠<政策>汇总", number: "平工信〔2026〕1号", body: "<p>减免</p><script>x()</script>"))
            let draft = try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: PolicyHarness.form(title: "未发布的政策"))
            let draftID = try #require(draft.string("id"))
            let body: [String: Any] = ["title": "2026年惠企政策汇编", "description": "供企业查阅", "policyIDs": [first.uuidString, second.uuidString]]
            // Who may assemble: reviewers only.
            #expect(try await h.call(client, .post, "/compilations", as: nil, json: body).status == .unauthorized)
            #expect(try await h.call(client, .post, "/compilations", as: h.editor(h.unit), json: body).status == .forbidden)
            #expect(try await h.call(client, .post, "/compilations", as: h.member(), json: body).status == .forbidden)
            #expect(try await h.call(client, .post, "/compilations", as: h.platformAdmin, json: body).status == .forbidden)
            // Only published policies, each once.
            var withDraft = body
            withDraft["policyIDs"] = [first.uuidString, draftID]
            #expect(try await h.call(client, .post, "/compilations", as: h.reviewer(h.unit), json: withDraft).errorField == "policyIDs[1]")
            var twice = body
            twice["policyIDs"] = [first.uuidString, first.uuidString]
            #expect(try await h.call(client, .post, "/compilations", as: h.reviewer(h.unit), json: twice).errorField == "policyIDs")
            #expect(try await h.call(client, .post, "/compilations", as: h.reviewer(h.unit), json: ["title": "空", "policyIDs": []]).errorField == "policyIDs")

            let created = try await h.call(client, .post, "/compilations", as: h.reviewer(h.otherUnit), json: body)
            #expect(created.status == .created)
            let id = try #require(created.string("id"))
            let shown = try await h.call(client, .get, "/compilations/\(id)", as: nil)
            let policies = shown["policies"] as? [[String: Any]] ?? []
            #expect(policies.map { $0["title"] as? String } == ["税收优惠<政策>汇总", "关于支持中小企业融资的若干措施"])
            #expect(policies.first?["agencyName"] as? String == "平顶山市工业和信息化局")
            let listed = try await h.call(client, .get, "/compilations?q=汇编", as: nil)
            #expect(listed.items.first?["policyCount"] as? Int == 2)
            #expect(try await h.call(client, .get, "/compilations?q=没有", as: nil).items.isEmpty)
            #expect(try await h.call(client, .get, "/compilations/\(UUID())", as: nil).status == .notFound)

            let printable = try await h.call(client, .get, "/compilations/\(id)/printable", as: nil)
            #expect(printable.status == .ok)
            #expect(printable.headers[.contentType] == "text/html; charset=utf-8")
            let html = printable.text
            #expect(html.contains("<h1>2026年惠企政策汇编</h1>"))
            #expect(html.contains("税收优惠&lt;政策&gt;汇总") && !html.contains("<政策>"))
            #expect(!html.contains("<script"))
            let firstAt = try #require(html.range(of: "1. 税收优惠"))
            let secondAt = try #require(html.range(of: "2. 关于支持中小企业融资"))
            #expect(firstAt.lowerBound < secondAt.lowerBound)
            #expect(html.contains("平工信〔2026〕2号"))
        }
        let events = try await h.events(CompilationPublished.eventType)
        #expect(events.count == 1)
        #expect(((events.first?["compilation"] as? [String: Any])?["policyIDs"] as? [String])?.count == 2)
    }
}
