@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
@testable import Outbox
import Postgres
import Testing

@Suite("政策解读: interpretations under the review rule, their lists, images, and subscribers")
struct InterpretationTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("一图看懂".utf8)
    static var text: [String: Any] { ["form": "text", "body": "<p>解读正文</p>"] }

    func draft(
        _ h: PolicyHarness, _ client: some TestClientProtocol, policy: UUID, title: String, form: [String: Any] = InterpretationTests.text, as editor: AccessClaims
    ) async throws -> Reply {
        var body = form
        body["policyID"] = policy.uuidString
        body["title"] = title
        return try await h.call(client, .post, "/interpretations", as: editor, json: body)
    }

    /// Drafted by an editor of `unit` and published by a reviewer of it; answers the id.
    @discardableResult
    func published(
        _ h: PolicyHarness, _ client: some TestClientProtocol, policy: UUID, title: String, form: [String: Any] = InterpretationTests.text, unit: UUID? = nil
    ) async throws -> String {
        let unit = unit ?? h.unit
        let drafted = try await draft(h, client, policy: policy, title: title, form: form, as: h.editor(unit))
        #expect(drafted.status == .created, "\(drafted.text)")
        let id = try #require(drafted.string("id"))
        let reply = try await h.call(client, .post, "/interpretations/\(id)/publish", as: h.reviewer(unit))
        #expect(reply.status == .ok, "\(reply.text)")
        return id
    }

    func upload(_ h: PolicyHarness, _ client: some TestClientProtocol, as claims: AccessClaims, bytes: [UInt8] = png, name: String = "tu.png") async throws -> String {
        let reply = try await send(h, client, as: claims, bytes: bytes, name: name)
        #expect(reply.status == .created, "\(reply.text)")
        return reply.string("id") ?? ""
    }

    func send(_ h: PolicyHarness, _ client: some TestClientProtocol, as claims: AccessClaims, bytes: [UInt8], name: String) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        headers[.authorization] = try await h.tokens.bearer(claims)
        let response = try await client.execute(uri: "/policy-attachments?fileName=\(name)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        return Reply(status: response.status, bytes: Array(buffer: response.body), headers: response.headers)
    }

    /// An MP4's first bytes (`ftyp` box) padded to `size`.
    static func mp4(size: Int) -> [UInt8] {
        let head: [UInt8] = [0, 0, 0, 0x18] + Array("ftypmp42".utf8)
        return head + [UInt8](repeating: 0, count: max(0, size - head.count))
    }

    @Test("谁发布，谁审核: an editor drafts for a published policy; nobody publishes their own draft, another unit cannot; returned, edited, published, with history and audit")
    func reviewRule() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "关于支持中小企业融资的若干措施"))
            let other = try await h.publish(client, PolicyHarness.form(title: "另一条政策"))
            let unpublished = try #require(try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: PolicyHarness.form(title: "草稿政策")).string("id"))
            let editor = h.editor(h.unit)
            #expect(try await h.call(client, .post, "/interpretations", as: editor, json: ["policyID": unpublished, "form": "text", "title": "解读", "body": "正文"]).errorField == "policyID")
            #expect(try await draft(h, client, policy: policy, title: "解读", as: h.reviewer(h.unit)).status == .forbidden)
            #expect(try await draft(h, client, policy: policy, title: "解读", as: h.member()).status == .forbidden)
            #expect(try await draft(h, client, policy: policy, title: "解读", as: h.person).status == .forbidden)

            let both = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyEditor", "policyReviewer"], unitID: h.unit)
            let drafted = try await draft(h, client, policy: policy, title: "一文读懂融资措施", form: ["form": "text", "body": "<p>要点</p><script>alert(1)</script>"], as: both)
            #expect(drafted.status == .created)
            #expect(drafted.string("status") == "reviewing")
            #expect(drafted.string("body") == "<p>要点</p>")
            let id = try #require(drafted.string("id"))
            #expect(try await h.call(client, .get, "/interpretations/\(id)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/interpretations/\(id)", as: h.reviewer(h.otherUnit)).status == .notFound)
            #expect(try await h.call(client, .get, "/interpretations", as: nil).items.isEmpty)

            let own = try await h.call(client, .post, "/interpretations/\(id)/publish", as: both)
            #expect(own.status == .forbidden)
            #expect(own.errorCode == "own_draft")
            #expect(try await h.call(client, .post, "/interpretations/\(id)/publish", as: h.reviewer(h.otherUnit)).status == .forbidden)
            #expect(try await h.call(client, .put, "/interpretations/\(id)", as: h.editor(h.otherUnit), json: ["policyID": policy.uuidString, "form": "text", "title": "改", "body": "改"]).status == .forbidden)
            #expect(try await h.call(client, .post, "/interpretations/\(id)/return", as: h.reviewer(h.unit), json: ["reason": ""]).errorField == "reason")
            let returned = try await h.call(client, .post, "/interpretations/\(id)/return", as: h.reviewer(h.unit), json: ["reason": "请补充申报条件"])
            #expect(returned.string("status") == "returned")
            #expect(returned.string("returnReason") == "请补充申报条件")
            #expect(try await h.call(client, .post, "/interpretations/\(id)/publish", as: h.reviewer(h.unit)).status == .conflict)
            #expect(try await h.call(client, .get, "/interpretations?status=returned", as: h.editor(h.unit)).items.count == 1)
            #expect(try await h.call(client, .get, "/interpretations?status=returned", as: h.editor(h.otherUnit)).items.isEmpty)
            #expect(try await h.call(client, .get, "/interpretations?status=returned", as: nil).status == .unauthorized)
            #expect(try await h.call(client, .get, "/interpretations?status=returned", as: h.member()).status == .forbidden)

            let edited = try await h.call(client, .put, "/interpretations/\(id)", as: editor, json: ["policyID": policy.uuidString, "form": "text", "title": "一文读懂融资措施（修订）", "body": "<p>要点和申报条件</p>"])
            #expect(edited.string("status") == "reviewing")
            // The editor who edited it last is its drafter now; the account that drafted first may review it.
            let publishedReply = try await h.call(client, .post, "/interpretations/\(id)/publish", as: both)
            #expect(publishedReply.status == .ok, "\(publishedReply.text)")
            #expect(publishedReply.string("status") == "published")
            #expect(try await h.call(client, .put, "/interpretations/\(id)", as: editor, json: ["policyID": policy.uuidString, "form": "text", "title": "再改", "body": "再改"]).status == .conflict)

            let shown = try await h.call(client, .get, "/interpretations/\(id)", as: h.editor(h.unit))
            let steps = (shown["history"] as? [[String: Any]] ?? []).compactMap { $0["toStatus"] as? String }
            #expect(steps == ["reviewing", "returned", "reviewing", "published"])
            let public_ = try await h.call(client, .get, "/interpretations/\(id)", as: nil)
            #expect(public_.string("title") == "一文读懂融资措施（修订）")
            #expect(public_["history"] == nil)
            #expect(public_["draftedBy"] == nil)
            let audit = try await h.dependencies.pool.query(
                "SELECT action FROM audit_trail WHERE subject_kind = 'interpretation' AND subject_id = \(id.lowercased()) ORDER BY seq"
            ).map { try $0.decode("action", as: String.self) }
            #expect(audit == ["interpretation.drafted", "interpretation.returned", "interpretation.edited", "interpretation.published"])
            let events = try await h.events(InterpretationPublished.eventType)
            #expect(events.count == 1)

            // hasInterpretations: the policy's row and detail say so, and the detail lists it.
            let detail = try await h.call(client, .get, "/policies/\(policy)", as: nil)
            #expect(detail["hasInterpretations"] as? Bool == true)
            #expect(detail["hasRedemption"] as? Bool == false)
            #expect((detail["interpretations"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            #expect(try await h.call(client, .get, "/policies/\(other)", as: nil)["hasInterpretations"] as? Bool == false)
            let rows = try await h.call(client, .get, "/policies", as: nil).items
            let flags = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as? String ?? "", $0["hasInterpretations"] as? Bool ?? false) })
            #expect(flags[policy.uuidString] == true)
            #expect(flags[other.uuidString] == false)
        }
    }

    @Test("each form's rules: an image needs its unit's PNG or JPEG and alt text, a video an https link, a text a body; other forms' fields refused")
    func forms() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "研发费用补贴办法"))
            let editor = h.editor(h.unit)
            let image = try await upload(h, client, as: editor)
            let foreignImage = try await upload(h, client, as: h.editor(h.otherUnit))
            let pdf = try await upload(h, client, as: editor, bytes: Array("%PDF-1.4\n%%EOF\n".utf8), name: "a.pdf")
            func field(_ form: [String: Any]) async throws -> String? {
                try await draft(h, client, policy: policy, title: "解读", form: form, as: editor).errorField
            }
            #expect(try await field(["form": "image", "imageID": image]) == "altText")
            #expect(try await field(["form": "image", "imageID": image, "altText": "   "]) == "altText")
            #expect(try await field(["form": "image", "altText": "说明"]) == "imageID")
            #expect(try await field(["form": "image", "imageID": foreignImage, "altText": "说明"]) == "imageID")
            #expect(try await field(["form": "image", "imageID": pdf, "altText": "说明"]) == "imageID")
            #expect(try await field(["form": "image", "imageID": "not-a-uuid", "altText": "说明"]) == "imageID")
            #expect(try await field(["form": "video", "videoURL": "http://v.example.cn/a.mp4"]) == "videoURL")
            #expect(try await field(["form": "video", "videoURL": "https://"]) == "videoURL")
            #expect(try await field(["form": "video", "videoURL": "javascript:alert(1)"]) == "videoURL")
            #expect(try await field(["form": "video"]) == "videoURL")
            #expect(try await field(["form": "text"]) == "body")
            #expect(try await field(["form": "text", "body": "正文", "imageID": image]) == "imageID")
            #expect(try await field(["form": "text", "body": "正文", "videoURL": "https://v.example.cn/a.mp4"]) == "videoURL")
            #expect(try await draft(h, client, policy: policy, title: "解读", form: ["form": "audio", "body": "正文"], as: editor).status == .badRequest)
            #expect(try await field(["body": "正文"]) == "form")

            let video = try await draft(h, client, policy: policy, title: "视频解读", form: ["form": "video", "videoURL": "https://v.example.cn/jiedu.mp4"], as: editor)
            #expect(video.status == .created)
            #expect(video.string("videoURL") == "https://v.example.cn/jiedu.mp4")
            let picture = try await draft(h, client, policy: policy, title: "一图看懂", form: ["form": "image", "imageID": image, "altText": "补贴比例为研发费用的10%"], as: editor)
            #expect(picture.status == .created)
            #expect(picture.string("altText") == "补贴比例为研发费用的10%")
        }
    }

    @Test("an 一图看懂 image is public once its interpretation is published, not before")
    func imageVisibility() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "技改补贴政策"))
            let editor = h.editor(h.unit)
            let image = try await upload(h, client, as: editor)
            let drafted = try await draft(h, client, policy: policy, title: "一图看懂技改补贴", form: ["form": "image", "imageID": image, "altText": "技改补贴三步申报"], as: editor)
            let id = try #require(drafted.string("id"))
            #expect(try await h.call(client, .get, "/policy-attachments/\(image)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/policy-attachments/\(image)", as: h.member()).status == .notFound)
            #expect(try await h.call(client, .get, "/policy-attachments/\(image)", as: h.reviewer(h.unit)).status == .ok)
            #expect(try await h.call(client, .post, "/interpretations/\(id)/publish", as: h.reviewer(h.unit)).status == .ok)
            let download = try await h.call(client, .get, "/policy-attachments/\(image)", as: nil)
            #expect(download.status == .ok)
            #expect(download.bytes == Self.png)
        }
    }

    @Test("a video interpretation shows an https link or its unit's own MP4 (up to 50 MB; documents stay at 5 MB), not both; the file is public once published")
    func videoFiles() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let policy = try await h.publish(client, PolicyHarness.form(title: "数字化转型补贴办法"))
            let editor = h.editor(h.unit)
            let clip = Self.mp4(size: 6 * 1024 * 1024)
            let video = try await upload(h, client, as: editor, bytes: clip, name: "jiedu.mp4")
            let image = try await upload(h, client, as: editor)
            let foreign = try await upload(h, client, as: h.editor(h.otherUnit), bytes: Self.mp4(size: 1024), name: "b.mp4")
            let bigPDF = try await send(h, client, as: editor, bytes: Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: 6 * 1024 * 1024), name: "big.pdf")
            #expect(bigPDF.status == .contentTooLarge)
            #expect(bigPDF.errorField == "body")
            #expect(try await send(h, client, as: editor, bytes: Self.mp4(size: 51 * 1024 * 1024), name: "long.mp4").status == .contentTooLarge)
            #expect(try await send(h, client, as: editor, bytes: Self.mp4(size: 1024), name: "renamed.pdf").errorField == "body")

            func field(_ form: [String: Any]) async throws -> String? {
                try await draft(h, client, policy: policy, title: "视频解读", form: form, as: editor).errorField
            }
            #expect(try await field(["form": "video", "videoID": video, "videoURL": "https://v.example.cn/a.mp4"]) == "videoURL")
            #expect(try await field(["form": "video", "videoID": image]) == "videoID")
            #expect(try await field(["form": "video", "videoID": foreign]) == "videoID")
            #expect(try await field(["form": "video", "videoID": "not-a-uuid"]) == "videoID")
            #expect(try await field(["form": "text", "body": "正文", "videoID": video]) == "videoID")

            let drafted = try await draft(h, client, policy: policy, title: "三分钟看懂数字化转型补贴", form: ["form": "video", "videoID": video], as: editor)
            #expect(drafted.status == .created, "\(drafted.text)")
            #expect(drafted.string("videoID") == video)
            #expect(drafted["videoURL"] == nil)
            let id = try #require(drafted.string("id"))
            #expect(try await h.call(client, .get, "/policy-attachments/\(video)", as: nil).status == .notFound)
            #expect(try await h.call(client, .post, "/interpretations/\(id)/publish", as: h.reviewer(h.unit)).status == .ok)
            let download = try await h.call(client, .get, "/policy-attachments/\(video)", as: nil)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "video/mp4")
            #expect(download.bytes == clip)
            #expect(try await h.call(client, .get, "/interpretations/\(id)", as: nil).string("videoID") == video)
        }
    }

    @Test("lists: region, publication days, one- and two-character keywords, policy, form, sort and paging; bad queries name the field")
    func lists() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let city = try await h.publish(client, PolicyHarness.form(title: "市级税收优惠政策"))
            let county = try await h.publish(client, PolicyHarness.form(title: "叶县人才补贴政策", region: "410422"), unit: h.county)
            try await published(h, client, policy: city, title: "税收优惠解读")
            try await published(h, client, policy: city, title: "研发补贴申报指南", form: ["form": "video", "videoURL": "https://v.example.cn/1.mp4"])
            try await published(h, client, policy: county, title: "人才补贴问答", unit: h.county)
            try await published(h, client, policy: county, title: "叶县人才政策要点", unit: h.county)
            func titles(_ query: String) async throws -> [String] {
                let reply = try await h.call(client, .get, "/interpretations\(query)", as: nil)
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return reply.titles
            }
            #expect(try await titles("?sort=publishedAt.asc") == ["税收优惠解读", "研发补贴申报指南", "人才补贴问答", "叶县人才政策要点"])
            #expect(try await titles("") == ["叶县人才政策要点", "人才补贴问答", "研发补贴申报指南", "税收优惠解读"])
            #expect(try await titles("?keyword=%E7%A8%8E") == ["税收优惠解读"])  // 税
            #expect(try await titles("?keyword=%E8%A1%A5%E8%B4%B4&sort=publishedAt.asc") == ["研发补贴申报指南", "人才补贴问答"])  // 补贴
            #expect(try await titles("?keyword=%E4%BA%BA%E6%89%8D%20%E8%A6%81%E7%82%B9") == ["叶县人才政策要点"])  // 人才 要点
            #expect(try await titles("?keyword=%E5%8F%B6%E5%8E%BF") == ["叶县人才政策要点"])  // 叶县: the title only, never its policy's
            #expect(try await titles("?region=410422") == ["叶县人才政策要点", "人才补贴问答"])
            #expect(try await titles("?region=410400&form=video") == ["研发补贴申报指南"])
            #expect(try await titles("?policyID=\(city)&sort=publishedAt.asc") == ["税收优惠解读", "研发补贴申报指南"])
            let today = PolicyCatalogue.day(Date())
            let yesterday = PolicyCatalogue.day(Date().addingTimeInterval(-86_400))
            #expect(try await titles("?publishedFrom=\(today)&publishedTo=\(today)").count == 4)
            #expect(try await titles("?publishedTo=\(yesterday)").isEmpty)
            let page = try await h.call(client, .get, "/interpretations?size=3&page=2", as: nil)
            #expect(page.titles == ["税收优惠解读"])
            #expect(page["total"] as? Int == 4)
            for (query, field) in [
                ("region=41042", "region"), ("region=%20410422", "region"), ("publishedFrom=2026-02-30", "publishedFrom"), ("publishedTo=20260101", "publishedTo"),
                ("sort=issuedAt.desc", "sort"), ("form=audio", "form"), ("policyID=x", "policyID"), ("keyword=%01", "keyword"), ("size=0", "size"),
            ] {
                #expect(try await h.call(client, .get, "/interpretations?\(query)", as: nil).errorField == field, "\(query)")
            }
        }
    }

    @Test("publishing an interpretation gives each enterprise subscribed to its policy's facts one message that opens it; a redelivery adds none")
    func subscriptionMessage() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            #expect(try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["policyTypes": ["tax"]]).status == .created)
            let policy = try await h.publish(client, PolicyHarness.form(title: "增值税留抵退税政策", type: "tax"))
            let id = try await published(h, client, policy: policy, title: "留抵退税政策解读")
            let events = try await h.dependencies.pool.query(
                "SELECT payload FROM outbox WHERE event_type = \(InterpretationPublished.eventType)")
            let event = try EventJSON.decode(InterpretationPublished.self, from: try events[0].decode("payload", as: Data.self))
            #expect(event.interpretation.id.uuidString == id)
            #expect(event.policy.policyType == "tax")
            var handlers = EventHandlers()
            SubscriptionMatcher().register(into: &handlers)
            let envelope = try EventEnvelope(event, producer: .policy)
            let handle = try #require(handlers.handler(for: InterpretationPublished.eventType))
            for _ in 0..<2 { try await h.dependencies.pool.withTransaction { try await handle(envelope, $0) } }

            // Only this interpretation's: the policy's own publication may be matched too.
            let messages = try await h.call(client, .get, "/subscription-messages", as: h.member())
                .items.filter { $0["itemKind"] as? String == "interpretation" && $0["itemID"] as? String == id }
            #expect(messages.count == 1)
            #expect(messages.first?["title"] as? String == "留抵退税政策解读")
            let itemID = try #require(messages.first?["itemID"] as? String)
            #expect(try await h.call(client, .get, "/interpretations/\(itemID)", as: h.member()).string("title") == "留抵退税政策解读")
            let matched = try await h.events(SubscriptionMatched.eventType).filter { $0["itemID"] as? String == id }
            #expect(matched.count == 1)
            #expect(matched.first?["itemKind"] as? String == "interpretation")
        }
    }
}
