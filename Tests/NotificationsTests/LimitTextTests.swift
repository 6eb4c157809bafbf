import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import Testing

/// Issue 10, item 2: texts state the item's real limit, taken from the version-2 events' `limits`.
@Suite("Texts state the real limit")
struct LimitTextTests {
    typealias Rules = AppealsRuleTests

    @Test("under 13710 the liaison is asked to review 当日, the unit to sign 当日 and the enterprise to rate within 5日; one template serves Shiyan's 1个工作日 too")
    func limitsFromTheEvent() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let submitted = try Rules.envelope("submitted", cast: cast, status: "reviewing", unit: false, limits: Rules.limits13710)
        try await fixture.deliver(submitted)
        #expect(try await Rules.sms(fixture, submitted)[cast.liaisonID]?.text.contains("请在当日内登录平台“诉求管理—待审核诉求”完成审核") == true)

        let dispatched = try Rules.envelope("dispatched", cast: cast, status: "signing", limits: Rules.limits13710)
        try await fixture.deliver(dispatched)
        #expect(try await Rules.sms(fixture, dispatched)[cast.unitAdminID]?.text.contains("请在当日内登录平台“诉求管理—待处理诉求”完成签收") == true)

        let replied = try Rules.envelope(
            "replied", cast: cast, status: "replied", kind: "complaint", limits: Rules.limits13710,
            extra: ["handlerName": "李娜", "content": "已处理"])
        try await fixture.deliver(replied)
        let rating = try await Rules.sms(fixture, replied)
        #expect(!rating.isEmpty)
        #expect(rating.values.allSatisfy { $0.text.contains("请在5日内登录平台查看并评价") })

        let shiyan = try Rules.envelope("dispatched", cast: cast, status: "signing", kind: "complaint", limits: Rules.shiyanLimits)
        try await fixture.deliver(shiyan)
        #expect(try await Rules.sms(fixture, shiyan)[cast.unitAdminID]?.text.contains("请在1个工作日内") == true)

        // The v1 events, still published beside v2, no longer send these texts (no double SMS).
        let old = try Rules.envelope("dispatched", cast: cast, status: "signing")
        try await fixture.deliver(old)
        #expect(try await Rules.sms(fixture, old).isEmpty)
    }

    @Test("the changed templates and their rules pass the admin validation as they are shipped")
    func shippedRulesValidate() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        var headers = try await fixture.bearer(AdminAPITests.admin)
        headers[.contentType] = "application/json"
        let admin = headers
        try await fixture.application().test(.router) { client in
            var changed: [[String: Any]] = []
            for type in ["appeal.submitted", "appeal.dispatched", "appeal.replied", "complaint.dispatched", "complaint.replied"] {
                try await client.execute(uri: "/admin/rules?eventType=qinqing.appeals.\(type).v2&size=100", method: .get, headers: admin) { response in
                    let page = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    changed += (page?["items"] as? [[String: Any]]) ?? []
                }
            }
            let codes = Set(changed.compactMap { $0["templateCode"] as? String })
            #expect(codes == ["appeal_submitted", "appeal_dispatched", "complaint_dispatched", "appeal_replied", "complaint_replied"])
            for rule in changed {
                let id = try #require(rule["ruleID"] as? String)
                try await client.execute(
                    uri: "/admin/rules/\(id)", method: .put, headers: admin,
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: rule))
                ) { response in
                    #expect(response.status == .ok, "\(id): \(String(buffer: response.body))")
                }
            }
            var templates: [[String: Any]] = []
            try await client.execute(uri: "/admin/templates?size=100", method: .get, headers: admin) { response in
                let page = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                templates = ((page?["items"] as? [[String: Any]]) ?? []).filter { codes.contains($0["code"] as? String ?? "") }
            }
            #expect(templates.count == 5)
            for template in templates {
                let code = try #require(template["code"] as? String)
                let body = try #require(template["body"] as? String)
                #expect(!body.contains("个工作日"), "\(code) still states a fixed limit")
                try await client.execute(
                    uri: "/admin/templates/\(code)", method: .put, headers: admin,
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: [
                        "category": template["category"] ?? "", "title": template["title"] ?? "", "body": body,
                    ]))
                ) { response in
                    #expect(response.status == .ok, "\(code): \(String(buffer: response.body))")
                }
            }
        }
    }
}
