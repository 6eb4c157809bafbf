import Contracts
import Foundation
import HummingbirdTesting
@testable import PolicyApp
import Testing

@Suite("简报投稿 briefings")
struct BriefingTests {
    static var item: [String: Any] { ["title": "我市举办惠企政策宣讲会", "body": "<p>200余家企业参加。</p><img src=x onerror=alert(1)>"] }

    @Test("a liaison official and an enterprise submit; an editor publishes one and returns the other with a reason; every step is evented with the unit and official")
    func submitPublishReturn() async throws {
        let h = try await PolicyContentHarness.make()
        let liaison = h.official(.liaison, of: h.unitB)
        let member = h.member
        let editor = h.editor(of: h.unitA)
        try await h.application().test(.router) { client in
            let fromOfficial = try await h.call(client, .post, "/briefings", as: liaison, json: Self.item)
            #expect(fromOfficial.status == .created)
            let body = try #require(fromOfficial["body"] as? String)
            #expect(body.hasPrefix("<p>200余家企业参加。</p>") && !body.contains("onerror"))
            let fromEnterprise = try await h.call(client, .post, "/briefings", as: member, json: ["title": "企业新产品下线", "body": "新闻稿"])
            #expect(fromEnterprise.status == .created)
            // Not public yet; the submitter and the editors see it.
            #expect(try await h.call(client, .get, "/briefings/\(fromOfficial.id)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/briefings/\(fromOfficial.id)", as: liaison).status == .ok)
            #expect(try await h.call(client, .get, "/briefings?status=submitted", as: editor).items.count == 2)
            #expect(try await h.call(client, .get, "/briefings?status=submitted", as: liaison).status == .forbidden)
            #expect(try await h.call(client, .get, "/briefings?mine=true", as: member).items.map { $0["title"] as? String } == ["企业新产品下线"])
            // Only editors decide.
            #expect(try await h.call(client, .post, "/briefings/\(fromOfficial.id)/publish", as: h.reviewer(of: h.unitA)).status == .forbidden)
            #expect(try await h.call(client, .post, "/briefings/\(fromOfficial.id)/publish", as: editor).status == .ok)
            #expect(try await h.call(client, .post, "/briefings/\(fromOfficial.id)/publish", as: editor).status == .conflict)
            #expect(try await h.call(client, .post, "/briefings/\(fromEnterprise.id)/return", as: editor, json: [:]).errorField == "reason")
            let returned = try await h.call(client, .post, "/briefings/\(fromEnterprise.id)/return", as: editor, json: ["reason": "请补充图片"])
            #expect(returned["status"] as? String == "returned")
            let mine = try await h.call(client, .get, "/briefings/\(fromEnterprise.id)", as: member)
            #expect(mine["returnReason"] as? String == "请补充图片")
            // The public list shows the published one, without who sent it.
            let published = try await h.call(client, .get, "/briefings", as: nil)
            #expect(published.items.map { $0["title"] as? String } == ["我市举办惠企政策宣讲会"])
            #expect(published.items.first?["submittedBy"] == nil)
            #expect(try await h.call(client, .get, "/briefings?q=宣讲", as: nil).items.count == 1)
            #expect(try await h.call(client, .get, "/briefings?q=产品", as: nil).items.isEmpty)
            // Who may submit: liaison officials and enterprise members, not other officials or bare persons.
            #expect(try await h.call(client, .post, "/briefings", as: h.official(.dispatcher), json: Self.item).status == .forbidden)
            #expect(try await h.call(client, .post, "/briefings", as: h.person, json: Self.item).status == .forbidden)
            #expect(try await h.call(client, .post, "/briefings", as: nil, json: Self.item).status == .unauthorized)
        }
        #expect(try await h.events(for: fromOfficialID(h)) == [BriefingSubmitted.eventType, BriefingPublished.eventType])
        let published = try await h.eventPayload(for: fromOfficialID(h), type: BriefingPublished.eventType)
        let facts = published["briefing"] as? [String: Any]
        #expect(facts?["unitID"] as? String == h.unitB.uuidString)
        #expect(facts?["submitterKind"] as? String == "official")
        let enterpriseBriefing = try await h.dependencies.pool.query("SELECT briefing_id FROM briefings WHERE submitter_kind = 'enterprise'")
            .first!.decode("briefing_id", as: UUID.self).uuidString
        #expect(try await h.events(for: enterpriseBriefing) == [BriefingSubmitted.eventType, BriefingReturned.eventType])
    }

    private func fromOfficialID(_ h: PolicyContentHarness) async throws -> String {
        try await h.dependencies.pool.query("SELECT briefing_id FROM briefings WHERE submitter_kind = 'official'")
            .first!.decode("briefing_id", as: UUID.self).uuidString
    }
}
