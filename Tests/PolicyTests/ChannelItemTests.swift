import Contracts
import Foundation
import HummingbirdTesting
@testable import PolicyApp
import Testing

@Suite("Content channels (企业便利化, 营商资讯)")
struct ChannelItemTests {
    static func guide(_ title: String, section: String = "tax", kind: String = "guide", body: String = "<p>办理流程</p>") -> [String: Any] {
        ["section": section, "kind": kind, "title": title, "body": body, "source": "市税务局"]
    }

    @Test("谁发布，谁审核: an editor drafts; nobody approves their own draft, nor a reviewer of another unit; a reviewer of the unit returns with a reason, then publishes; the item event carries it")
    func reviewRule() async throws {
        let h = try await PolicyContentHarness.make()
        let editor = h.editor(of: h.unitA)
        let reviewer = h.reviewer(of: h.unitA)
        try await h.application().test(.router) { client in
            let drafted = try await h.call(client, .post, "/channel-items", as: editor, json: Self.guide("电子税务局办税指南"))
            #expect(drafted.status == .created)
            #expect(drafted["status"] as? String == "reviewing")
            let id = drafted.id
            // Not public yet.
            #expect(try await h.call(client, .get, "/channel-items/\(id)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/channel-items", as: nil).items.isEmpty)
            // Nobody approves their own draft (an official holding both roles).
            var both = editor
            both.roles = ["policyEditor", "policyReviewer"]
            let own = try await h.call(client, .post, "/channel-items/\(id)/publish", as: both)
            #expect(own.status == .forbidden)
            #expect(own.errorMessage == "nobody reviews a draft they edited")
            // Another unit's reviewer cannot.
            #expect(try await h.call(client, .post, "/channel-items/\(id)/publish", as: h.reviewer(of: h.unitB)).status == .forbidden)
            // An editor cannot publish.
            #expect(try await h.call(client, .post, "/channel-items/\(id)/publish", as: h.editor(of: h.unitA)).status == .forbidden)
            // Returned with a reason; the reason is required.
            let noReason = try await h.call(client, .post, "/channel-items/\(id)/return", as: reviewer, json: ["reason": " "])
            #expect(noReason.status == .badRequest)
            #expect(noReason.errorField == "reason")
            let returned = try await h.call(client, .post, "/channel-items/\(id)/return", as: reviewer, json: ["reason": "请补充办理时限"])
            #expect(returned["status"] as? String == "returned")
            #expect(returned["returnReason"] as? String == "请补充办理时限")
            #expect(try await h.call(client, .post, "/channel-items/\(id)/publish", as: reviewer).status == .conflict)
            // Another unit's editor cannot edit it; its own unit's editor can, which submits it again.
            #expect(try await h.call(client, .put, "/channel-items/\(id)", as: h.editor(of: h.unitB), json: Self.guide("改")).status == .forbidden)
            let edited = try await h.call(client, .put, "/channel-items/\(id)", as: editor, json: Self.guide("电子税务局办税指南（含时限）"))
            #expect(edited["status"] as? String == "reviewing")
            let published = try await h.call(client, .post, "/channel-items/\(id)/publish", as: reviewer)
            #expect(published.status == .ok)
            #expect(published["status"] as? String == "published")
            #expect(published["publishedAt"] is String)
            // Published items cannot be edited or reviewed again.
            #expect(try await h.call(client, .put, "/channel-items/\(id)", as: editor, json: Self.guide("再改")).status == .conflict)
            #expect(try await h.call(client, .post, "/channel-items/\(id)/publish", as: h.reviewer(of: h.unitA)).status == .conflict)
            // Public now, with its source and publication time, without who drafted it.
            let shown = try await h.call(client, .get, "/channel-items/\(id)", as: nil)
            #expect(shown["title"] as? String == "电子税务局办税指南（含时限）")
            #expect(shown["source"] as? String == "市税务局")
            #expect(shown["sectionName"] as? String == "纳税")
            #expect(shown["draftedBy"] == nil && shown["history"] == nil)
            // Its unit's staff see the status history.
            let staff = try await h.call(client, .get, "/channel-items/\(id)", as: reviewer)
            let history = staff["history"] as? [[String: Any]] ?? []
            #expect(history.map { $0["toStatus"] as? String } == ["reviewing", "returned", "reviewing", "published"])
            #expect(history[1]["reason"] as? String == "请补充办理时限")
        }
        #expect(try await h.events(for: "\(try await onlyItemID(h))") == ["qinqing.policy.content-item.published.v1"])
    }

    private func onlyItemID(_ h: PolicyContentHarness) async throws -> UUID {
        try await h.dependencies.pool.query("SELECT item_id FROM channel_items").first!.decode("item_id", as: UUID.self)
    }

    @Test("lists filter by channel, section, kind and one- or two-character title keywords, page by page, newest first; drafts only for their unit's staff")
    func lists() async throws {
        let h = try await PolicyContentHarness.make()
        let editor = h.editor(of: h.unitA)
        let reviewer = h.reviewer(of: h.unitA)
        try await h.application().test(.router) { client in
            let items: [[String: Any]] = [
                Self.guide("纳税人办税指南", section: "tax"),
                Self.guide("小微企业融资补贴政策解读", section: "financing", kind: "news"),
                ["section": "enterpriseStartup", "kind": "entry", "title": "企业开办一网通办", "source": "市市场监督管理局", "url": "https://www.hnzwfw.gov.cn/"],
                ["section": "talent", "kind": "link", "title": "平顶山就业网", "source": "市人社局", "url": "http://job.pds.gov.cn"],
                ["section": "talent", "kind": "subsidy", "title": "高层次人才补贴申领", "body": "<p>条件</p>", "source": "市人社局"],
                ["section": "opportunities", "kind": "article", "title": "50%_折扣商机", "body": "商机", "source": "市商务局"],
            ]
            for item in items {
                let drafted = try await h.call(client, .post, "/channel-items", as: editor, json: item)
                #expect(drafted.status == .created, "\(drafted.text)")
                #expect(try await h.call(client, .post, "/channel-items/\(drafted.id)/publish", as: reviewer).status == .ok)
            }
            let draftOnly = try await h.call(client, .post, "/channel-items", as: editor, json: Self.guide("未发布的纳税草稿"))
            func titles(_ query: String, as claims: AccessClaims? = nil) async throws -> [String] {
                try await h.call(client, .get, "/channel-items\(query)", as: claims).items.compactMap { $0["title"] as? String }
            }
            #expect(try await titles("?channel=business").sorted() == ["50%_折扣商机", "平顶山就业网", "高层次人才补贴申领"].sorted())
            #expect(try await titles("?section=talent&kind=subsidy") == ["高层次人才补贴申领"])
            #expect(try await titles("?q=税") == ["纳税人办税指南"])
            #expect(try await titles("?q=补贴").sorted() == ["小微企业融资补贴政策解读", "高层次人才补贴申领"].sorted())
            #expect(try await titles("?q=%25_") == ["50%_折扣商机"])
            #expect(try await titles("?q=办税指南纳") == [])
            // Newest first, paged.
            let first = try await h.call(client, .get, "/channel-items?size=4", as: nil)
            #expect(first["total"] as? Int == 6)
            #expect(first.items.first?["title"] as? String == "50%_折扣商机")
            #expect(first.items.first?["body"] == nil)
            let second = try await h.call(client, .get, "/channel-items?size=4&page=2", as: nil)
            #expect(second.items.count == 2)
            #expect(Set(first.items.compactMap { $0["id"] as? String }).isDisjoint(with: second.items.compactMap { $0["id"] as? String }))
            // Drafts: their unit's staff only.
            #expect(try await titles("?status=reviewing", as: reviewer) == ["未发布的纳税草稿"])
            #expect(try await titles("?status=reviewing", as: h.reviewer(of: h.unitB)) == [])
            #expect(try await h.call(client, .get, "/channel-items?status=reviewing", as: nil).status == .unauthorized)
            #expect(try await h.call(client, .get, "/channel-items?status=reviewing", as: h.member).status == .forbidden)
            #expect(try await h.call(client, .get, "/channel-items/\(draftOnly.id)", as: h.reviewer(of: h.unitB)).status == .notFound)
            // Bad filters are 400s naming the parameter.
            #expect(try await h.call(client, .get, "/channel-items?section=nope", as: nil).errorField == "section")
            #expect(try await h.call(client, .get, "/channel-items?size=0", as: nil).status == .badRequest)
        }
    }

    @Test("drafts are checked: the kind fits the section, links are http(s), bodies are sanitized (no script, no onerror)")
    func validation() async throws {
        let h = try await PolicyContentHarness.make()
        let editor = h.editor(of: h.unitA)
        try await h.application().test(.router) { client in
            let wrongKind = try await h.call(client, .post, "/channel-items", as: editor, json: Self.guide("x", section: "talent", kind: "guide"))
            #expect(wrongKind.errorField == "kind")
            for url in ["javascript:alert(1)", "ftp://example.com/a", "not a link", "https://"] {
                let bad = try await h.call(
                    client, .post, "/channel-items", as: editor,
                    json: ["section": "tax", "kind": "entry", "title": "入口", "source": "市税务局", "url": url])
                #expect(bad.errorField == "url", "\(url)")
            }
            #expect(try await h.call(client, .post, "/channel-items", as: editor, json: ["section": "tax", "kind": "guide", "title": "t", "source": "s"]).errorField == "body")
            #expect(try await h.call(client, .post, "/channel-items", as: editor, json: Self.guide("a\u{0}b")).errorField == "title")
            let dirty = #"<p onclick="x()">办理</p><script>alert(1)</script><img src=x onerror=alert(1)><strong>材料</strong><a href="javascript:1">链接</a>"#
            let drafted = try await h.call(client, .post, "/channel-items", as: editor, json: Self.guide("清单", body: dirty))
            let body = try #require(drafted["body"] as? String)
            #expect(!body.contains("<script") && !body.contains("onerror") && !body.contains("javascript") && !body.contains("onclick"))
            #expect(body.contains("<strong>材料</strong>") && body.contains("办理</p>") && body.contains("链接"))
            let stored = try await h.call(client, .get, "/channel-items/\(drafted.id)", as: editor)
            #expect(stored["body"] as? String == body)
        }
    }
}
