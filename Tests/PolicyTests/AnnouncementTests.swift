import Contracts
import Foundation
import HummingbirdTesting
@testable import PolicyApp
import Testing

@Suite("公告栏 announcements")
struct AnnouncementTests {
    static func draft(_ title: String, audience: [String: Any]) -> [String: Any] {
        ["title": title, "body": "<p>请各企业于12月31日前申报。</p><script>steal()</script>", "audience": audience]
    }

    @Test("an editor drafts for an audience, a reviewer of the unit publishes; the event names the audience; guests see public audiences only")
    func publishToAudience() async throws {
        let h = try await PolicyContentHarness.make()
        let editor = h.editor(of: h.unitA)
        let reviewer = h.reviewer(of: h.unitA)
        try await h.application().test(.router) { client in
            let audiences: [(String, [String: Any])] = [
                ("全体公告", ["kind": "all"]), ("企业公告", ["kind": "enterprises"]), ("干部公告", ["kind": "officials"]),
                ("新华区公告", ["kind": "region", "region": "410402"]), ("本单位公告", ["kind": "unit", "unitID": h.unitB.uuidString]),
            ]
            var ids: [String: String] = [:]
            for (title, audience) in audiences {
                let drafted = try await h.call(client, .post, "/announcements", as: editor, json: Self.draft(title, audience: audience))
                #expect(drafted.status == .created, "\(drafted.text)")
                #expect((drafted["body"] as? String)?.contains("script") == false)
                #expect(try await h.call(client, .post, "/announcements/\(drafted.id)/publish", as: editor).status == .forbidden)
                #expect(try await h.call(client, .post, "/announcements/\(drafted.id)/publish", as: reviewer).status == .ok)
                ids[title] = drafted.id
            }
            let region = try await h.eventPayload(for: ids["新华区公告"]!, type: AnnouncementPublished.eventType)
            let announcement = region["announcement"] as? [String: Any]
            #expect((announcement?["audience"] as? [String: Any])?["kind"] as? String == "region")
            #expect((announcement?["audience"] as? [String: Any])?["region"] as? String == "410402")
            let unit = try await h.eventPayload(for: ids["本单位公告"]!, type: AnnouncementPublished.eventType)
            #expect(((unit["announcement"] as? [String: Any])?["audience"] as? [String: Any])?["unitID"] as? String == h.unitB.uuidString)
            func titles(as claims: AccessClaims?, _ query: String = "") async throws -> Set<String> {
                Set(try await h.call(client, .get, "/announcements\(query)", as: claims).items.compactMap { $0["title"] as? String })
            }
            #expect(try await titles(as: nil) == ["全体公告", "企业公告", "新华区公告"])
            #expect(try await titles(as: h.member) == ["全体公告", "企业公告", "新华区公告"])
            #expect(try await titles(as: h.official(.liaison)).count == 5)
            #expect(try await titles(as: nil, "?q=企业") == ["企业公告"])
            #expect(try await h.call(client, .get, "/announcements/\(ids["干部公告"]!)", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/announcements/\(ids["干部公告"]!)", as: h.official(.dispatcher)).status == .ok)
        }
    }

    @Test("an audience needs its region or unit; returned announcements carry the reason and send no event")
    func audienceChecksAndReturn() async throws {
        let h = try await PolicyContentHarness.make()
        let editor = h.editor(of: h.unitA)
        try await h.application().test(.router) { client in
            #expect(try await h.call(client, .post, "/announcements", as: editor, json: Self.draft("t", audience: ["kind": "region"])).errorField == "audience.region")
            #expect(try await h.call(client, .post, "/announcements", as: editor, json: Self.draft("t", audience: ["kind": "unit"])).errorField == "audience.unitID")
            #expect(try await h.call(client, .post, "/announcements", as: editor, json: Self.draft("t", audience: ["kind": "everyone"])).status == .badRequest)
            let drafted = try await h.call(client, .post, "/announcements", as: editor, json: Self.draft("停电公告", audience: ["kind": "all"]))
            let returned = try await h.call(client, .post, "/announcements/\(drafted.id)/return", as: h.reviewer(of: h.unitA), json: ["reason": "时间有误"])
            #expect(returned["status"] as? String == "returned")
            #expect(try await h.call(client, .get, "/announcements?status=returned", as: editor).items.first?["returnReason"] as? String == "时间有误")
            #expect(try await h.events(for: drafted.id).isEmpty)
        }
    }
}
