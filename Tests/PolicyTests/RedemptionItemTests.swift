@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Outbox
import Postgres
import Testing

@Suite("政策兑现 items: drafted and published under the review rule, linked to their policy, listed with their window")
struct RedemptionItemTests {
    /// A Beijing date `days` from today.
    static func day(_ days: Int) -> String { BeijingDate.text(Date().addingTimeInterval(Double(days) * 86_400)) }

    static func form(
        policy: UUID, title: String = "建筑业企业研发投入奖补", project: String = "平顶山推动建筑业企业科技创新项目", region: String = "410400",
        types: [String] = ["innovation"], amount: String = "500000", applicant: String = "enterprise", from: Int = -3, to: Int = 10
    ) -> [String: Any] {
        [
            "policyID": policy.uuidString, "project": project, "title": title, "region": region, "policyTypes": types, "supportKind": "资金扶持",
            "amount": amount, "processingDays": 15, "applicantKind": applicant, "onSiteVisits": 0, "phone": "0375-2661234",
            "windowFrom": day(from), "windowTo": day(to), "description": "对研发投入增长的建筑业企业给予奖补",
            "guide": "<p>申报条件</p><script>x()</script>",
            "materials": [
                ["name": "申请表", "required": true, "fileTypes": ["pdf", "docx"]],
                ["name": "研发费用专项审计报告", "required": true, "fileTypes": ["pdf"]],
                ["name": "其他证明材料", "required": false, "fileTypes": ["pdf", "jpeg", "png"]],
            ],
        ]
    }

    /// Drafted by an editor of `unit` and published by a reviewer of it; answers the id.
    @discardableResult
    func published(_ h: PolicyHarness, _ client: some TestClientProtocol, _ form: [String: Any], unit: UUID? = nil) async throws -> String {
        let unit = unit ?? h.unit
        let drafted = try await h.call(client, .post, "/redemption-items", as: h.editor(unit), json: form)
        #expect(drafted.status == .created, "\(drafted.text)")
        let id = try #require(drafted.string("id"))
        let reply = try await h.call(client, .post, "/redemption-items/\(id)/publish", as: h.reviewer(unit))
        #expect(reply.status == .ok, "\(reply.text)")
        return id
    }

    @Test("谁发布，谁审核: an editor drafts for a published policy; nobody publishes their own draft, another unit cannot; returned, edited, published with history, audit, event and the policy's hasRedemption")
    func reviewRule() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "关于推动建筑业企业科技创新的若干措施"))
            let editor = h.editor(h.unit)
            #expect(try await h.call(client, .post, "/redemption-items", as: h.reviewer(h.unit), json: Self.form(policy: policy)).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-items", as: h.member(), json: Self.form(policy: policy)).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-items", as: nil, json: Self.form(policy: policy)).status == .unauthorized)

            let both = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyEditor", "policyReviewer"], unitID: h.unit)
            let drafted = try await h.call(client, .post, "/redemption-items", as: both, json: Self.form(policy: policy))
            #expect(drafted.status == .created, "\(drafted.text)")
            #expect(drafted.string("status") == "reviewing")
            #expect(drafted.string("guide") == "<p>申报条件</p>")
            #expect(drafted.string("amount") == "500000.00")
            #expect(drafted.string("amountFigure") == "500000.00")
            #expect(drafted.string("unitName") == "平顶山市工业和信息化局")
            let materials = drafted["materials"] as? [[String: Any]] ?? []
            #expect(materials.compactMap { $0["name"] as? String } == ["申请表", "研发费用专项审计报告", "其他证明材料"])
            #expect(materials.last?["required"] as? Bool == false)
            #expect(materials.first?["fileTypes"] as? [String] == ["pdf", "docx"])
            let id = try #require(drafted.string("id"))
            #expect(try await h.call(client, .get, "/redemption-items/\(id)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/redemption-items/\(id)", as: h.reviewer(h.otherUnit)).status == .notFound)
            #expect(try await h.call(client, .get, "/redemption-items", as: nil).items.isEmpty)

            let own = try await h.call(client, .post, "/redemption-items/\(id)/publish", as: both)
            #expect(own.status == .forbidden)
            #expect(own.errorCode == "own_draft")
            #expect(try await h.call(client, .post, "/redemption-items/\(id)/publish", as: h.reviewer(h.otherUnit)).status == .forbidden)
            #expect(try await h.call(client, .put, "/redemption-items/\(id)", as: h.editor(h.otherUnit), json: Self.form(policy: policy)).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-items/\(id)/return", as: h.reviewer(h.unit), json: ["reason": " "]).errorField == "reason")
            let returned = try await h.call(client, .post, "/redemption-items/\(id)/return", as: h.reviewer(h.unit), json: ["reason": "请写明奖补比例"])
            #expect(returned.string("status") == "returned")
            #expect(returned.string("returnReason") == "请写明奖补比例")
            #expect(try await h.call(client, .post, "/redemption-items/\(id)/publish", as: h.reviewer(h.unit)).status == .conflict)
            #expect(try await h.call(client, .get, "/redemption-items?status=returned", as: h.editor(h.unit)).items.count == 1)
            #expect(try await h.call(client, .get, "/redemption-items?status=returned", as: h.editor(h.otherUnit)).items.isEmpty)
            #expect(try await h.call(client, .get, "/redemption-items?status=returned", as: nil).status == .unauthorized)
            #expect(try await h.call(client, .get, "/redemption-items?status=returned", as: h.member()).status == .forbidden)

            let edited = try await h.call(client, .put, "/redemption-items/\(id)", as: editor, json: Self.form(policy: policy, amount: "按实际核定"))
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(edited.string("status") == "reviewing")
            #expect(edited.string("amount") == "按实际核定")
            #expect(edited["amountFigure"] == nil)
            let publishedReply = try await h.call(client, .post, "/redemption-items/\(id)/publish", as: both)
            #expect(publishedReply.status == .ok, "\(publishedReply.text)")
            #expect(publishedReply.string("status") == "published")
            #expect(try await h.call(client, .put, "/redemption-items/\(id)", as: editor, json: Self.form(policy: policy)).status == .conflict)

            let shown = try await h.call(client, .get, "/redemption-items/\(id)", as: h.editor(h.unit))
            let steps = (shown["history"] as? [[String: Any]] ?? []).compactMap { $0["toStatus"] as? String }
            #expect(steps == ["reviewing", "returned", "reviewing", "published"])
            let public_ = try await h.call(client, .get, "/redemption-items/\(id)", as: nil)
            #expect(public_.status == .ok)
            #expect(public_.string("policyTitle") == "关于推动建筑业企业科技创新的若干措施")
            #expect(public_["history"] == nil)
            #expect(public_["draftedBy"] == nil)
            #expect(public_["returnReason"] == nil)
            let audit = try await h.dependencies.pool.query(
                "SELECT action FROM audit_trail WHERE subject_kind = 'redemptionItem' AND subject_id = \(id.lowercased()) ORDER BY seq"
            ).map { try $0.decode("action", as: String.self) }
            #expect(audit == ["redemptionItem.drafted", "redemptionItem.returned", "redemptionItem.edited", "redemptionItem.published"])
            let events = try await h.events(RedemptionItemPublished.eventType)
            #expect(events.count == 1)
            let item = events.first?["item"] as? [String: Any] ?? [:]
            #expect(item["amount"] as? String == "按实际核定")
            #expect(item["project"] as? String == "平顶山推动建筑业企业科技创新项目")
            #expect(item["processingDays"] as? Int == 15)
            #expect(events.first?["policyID"] as? String == policy.uuidString)

            // 我要兑现: the policy's detail and row say it has redemption.
            let detail = try await h.call(client, .get, "/policies/\(policy)", as: nil)
            #expect(detail["hasRedemption"] as? Bool == true)
            #expect((detail["redemptionItems"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let row = try await h.call(client, .get, "/policies", as: nil).items.first { $0["id"] as? String == policy.uuidString }
            #expect(row?["hasRedemption"] as? Bool == true)
        }
    }

    @Test("a draft's rules name the field: policy, policy types, amount, limit, window, phone, materials")
    func inputRules() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "研发费用补贴办法"))
            let unpublished = try #require(try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: PolicyHarness.form(title: "草稿政策")).string("id"))
            let editor = h.editor(h.unit)
            func field(_ change: (inout [String: Any]) -> Void) async throws -> String? {
                var form = Self.form(policy: policy)
                change(&form)
                let reply = try await h.call(client, .post, "/redemption-items", as: editor, json: form)
                #expect(reply.status == .badRequest, "\(reply.text)")
                return reply.errorField
            }
            #expect(try await field { $0["policyID"] = unpublished } == "policyID")
            #expect(try await field { $0["policyID"] = UUID().uuidString } == "policyID")
            var unknownType = Self.form(policy: policy)
            unknownType["policyTypes"] = ["innovation", "nonexistent"]
            let unknown = try await h.call(client, .post, "/redemption-items", as: editor, json: unknownType)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorField == "policyTypes")
            #expect(try await field { $0["policyTypes"] = [] } == "policyTypes")
            #expect(try await field { $0["project"] = "  " } == "project")
            #expect(try await field { $0["amount"] = nil } == "amount")
            #expect(try await field { $0["processingDays"] = 0 } == "processingDays")
            #expect(try await field { $0["processingDays"] = nil } == "processingDays")
            #expect(try await field { $0["applicantKind"] = nil } == "applicantKind")
            #expect(try await field { $0["onSiteVisits"] = 11 } == "onSiteVisits")
            #expect(try await field { $0["phone"] = "call us" } == "phone")
            #expect(try await field { $0["windowFrom"] = "2027-02-30" } == "windowFrom")
            #expect(try await field { $0["windowFrom"] = Self.day(5); $0["windowTo"] = Self.day(4) } == "windowTo")
            #expect(try await field { $0["materials"] = [["name": "申请表", "fileTypes": []]] } == "materials[0].fileTypes")
            #expect(try await field { $0["materials"] = [["name": "", "fileTypes": ["pdf"]]] } == "materials[0].name")
            #expect(try await field { $0["materials"] = [["name": "申请表", "fileTypes": ["pdf"]], ["name": "申请表", "fileTypes": ["png"]]] } == "materials")
            let bad = try await h.call(client, .post, "/redemption-items", as: editor, json: { () -> [String: Any] in
                var form = Self.form(policy: policy)
                form["applicantKind"] = "company"
                return form
            }())
            #expect(bad.status == .badRequest)
            // A figure keeps two decimals; anything else is a text.
            let figure = try await h.call(client, .post, "/redemption-items", as: editor, json: Self.form(policy: policy, amount: "1234.5"))
            #expect(figure.string("amountFigure") == "1234.50")
            let text = try await h.call(client, .post, "/redemption-items", as: editor, json: Self.form(policy: policy, amount: "最高100万元"))
            #expect(text.string("amount") == "最高100万元")
            #expect(text["amountFigure"] == nil)
        }
    }

    @Test("the guest list: applicant kind, region, unit, policy type, keyword in item or project, open window, sort and paging; each row's window state on Beijing dates")
    func lists() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "科技创新政策"))
            let county = try await h.publish(client, PolicyHarness.form(title: "叶县人才政策", region: "410422"), unit: h.county)
            try await published(h, client, Self.form(policy: policy, title: "研发投入奖补", from: -3, to: 0))
            try await published(h, client, Self.form(policy: policy, title: "高新技术企业认定奖励", types: ["innovation", "finance"], from: 2, to: 30))
            try await published(h, client, Self.form(policy: policy, title: "往年申报事项", from: -40, to: -1))
            try await published(
                h, client, Self.form(policy: county, title: "青年人才安家补贴", project: "叶县人才引进项目", region: "410422", types: ["talent"],
                                     applicant: "individual", from: -1, to: 9), unit: h.county)
            _ = try await h.call(client, .post, "/redemption-items", as: h.editor(h.unit), json: Self.form(policy: policy, title: "未发布事项"))
            func list(_ query: String) async throws -> Reply {
                let reply = try await h.call(client, .get, "/redemption-items\(query)", as: nil)
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return reply
            }
            func titles(_ query: String) async throws -> [String] { try await list(query).titles }
            #expect(try await titles("?sort=publishedAt.asc") == ["研发投入奖补", "高新技术企业认定奖励", "往年申报事项", "青年人才安家补贴"])
            #expect(try await titles("") == ["青年人才安家补贴", "往年申报事项", "高新技术企业认定奖励", "研发投入奖补"])
            #expect(try await titles("?applicantKind=individual") == ["青年人才安家补贴"])
            #expect(try await titles("?region=410422") == ["青年人才安家补贴"])
            #expect(try await titles("?unitID=\(h.county)") == ["青年人才安家补贴"])
            #expect(try await titles("?policyID=\(policy)&sort=publishedAt.asc") == ["研发投入奖补", "高新技术企业认定奖励", "往年申报事项"])
            #expect(try await titles("?policyType=finance") == ["高新技术企业认定奖励"])
            #expect(try await titles("?keyword=%E4%BA%BA%E6%89%8D%E5%BC%95%E8%BF%9B") == ["青年人才安家补贴"])  // 人才引进: the project's name
            #expect(try await titles("?keyword=%E5%A5%96") == ["高新技术企业认定奖励", "研发投入奖补"])  // 奖
            #expect(try await titles("?openNow=true") == ["青年人才安家补贴", "研发投入奖补"])
            #expect(try await titles("?openNow=false") == ["往年申报事项", "高新技术企业认定奖励"])
            let first = try await list("?size=2&sort=publishedAt.asc")
            #expect(first.titles == ["研发投入奖补", "高新技术企业认定奖励"])
            #expect(first["total"] as? Int == 4)
            #expect(try await titles("?size=2&page=2&sort=publishedAt.asc") == ["往年申报事项", "青年人才安家补贴"])

            let rows = Dictionary(uniqueKeysWithValues: try await list("").items.map { ($0["title"] as? String ?? "", $0) })
            // Closing today: 剩余 1 天.
            #expect(rows["研发投入奖补"]?["windowState"] as? String == "open")
            #expect(rows["研发投入奖补"]?["daysLeft"] as? Int == 1)
            #expect(rows["青年人才安家补贴"]?["daysLeft"] as? Int == 10)
            #expect(rows["高新技术企业认定奖励"]?["windowState"] as? String == "notOpen")
            #expect(rows["高新技术企业认定奖励"]?["daysUntilOpen"] as? Int == 2)
            #expect(rows["高新技术企业认定奖励"]?["daysLeft"] == nil)
            #expect(rows["往年申报事项"]?["windowState"] as? String == "closed")
            #expect(rows["研发投入奖补"]?["guide"] == nil)
            #expect(rows["研发投入奖补"]?["unitName"] as? String == "平顶山市工业和信息化局")

            for (query, name) in [
                ("?applicantKind=company", "applicantKind"), ("?region=4104", "region"), ("?unitID=x", "unitID"), ("?openNow=yes", "openNow"),
                ("?sort=title", "sort"), ("?status=draft", "status"),
            ] {
                #expect(try await h.call(client, .get, "/redemption-items\(query)", as: nil).errorField == name, "\(query)")
            }
            // A withdrawn policy's items leave the public list.
            let withdrawn = try await h.call(client, .post, "/policies/\(county)/withdrawal", as: h.reviewer(h.county), json: ["reason": "政策已废止"])
            #expect(withdrawn.status == .ok, "\(withdrawn.text)")
            #expect(try await titles("?openNow=true") == ["研发投入奖补"])
        }
    }

    @Test("publishing an item gives each enterprise subscribed to one of its policy types one message that opens it; a redelivery adds none")
    func subscriptionMessage() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            #expect(try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["policyTypes": ["talent"]]).status == .created)
            // The policy is of another type: the item's own types match.
            let policy = try await h.publish(client, PolicyHarness.form(title: "人才发展若干政策", type: "finance"))
            let id = try await published(h, client, Self.form(policy: policy, title: "青年人才安家补贴", types: ["finance", "talent"]))
            let unmatched = try await published(h, client, Self.form(policy: policy, title: "贷款贴息", types: ["finance"]))
            var handlers = EventHandlers()
            SubscriptionMatcher().register(into: &handlers)
            let handle = try #require(handlers.handler(for: RedemptionItemPublished.eventType))
            for row in try await h.dependencies.pool.query("SELECT payload FROM outbox WHERE event_type = \(RedemptionItemPublished.eventType)") {
                let event = try EventJSON.decode(RedemptionItemPublished.self, from: try row.decode("payload", as: Data.self))
                let envelope = try EventEnvelope(event, producer: .policy)
                for _ in 0..<2 { try await h.dependencies.pool.withTransaction { try await handle(envelope, $0) } }
            }

            let messages = try await h.call(client, .get, "/subscription-messages", as: h.member()).items.filter { $0["itemKind"] as? String == "redemptionItem" }
            #expect(messages.compactMap { $0["itemID"] as? String } == [id])
            #expect(messages.first?["title"] as? String == "青年人才安家补贴")
            #expect(try await h.call(client, .get, "/redemption-items/\(id)", as: h.member()).string("title") == "青年人才安家补贴")
            let matched = try await h.events(SubscriptionMatched.eventType).filter { $0["itemKind"] as? String == "redemptionItem" }
            #expect(matched.compactMap { $0["itemID"] as? String } == [id])
            #expect(!matched.contains { $0["itemID"] as? String == unmatched })
        }
    }
}
