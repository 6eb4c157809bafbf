@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

/// The archive (档案) tells the story: names, units and the facts of each step, in Chinese (issue 10, item 18).
@Suite("The archive tells the story")
struct ArchiveStoryTests {
    @Test("a dispatch names the unit, a rating records solved/satisfied, a reply carries its text; every entry names the person and unit")
    func archiveTellsTheStory() async throws {
        let h = try await AppealsHarness.make()
        let dispatcherID = UUID()
        let unitAdminID = UUID()
        try await h.dependencies.pool.withTransaction { connection in
            try await IdentityProjection.upsert(
                OfficialProfile(officialID: dispatcherID, name: "周晓燕", unitID: h.dispatchUnit, region: "420300", roles: [.dispatcher], active: true),
                on: connection)
            try await IdentityProjection.upsert(
                OfficialProfile(officialID: unitAdminID, name: "孙志强", unitID: h.unitB, region: "420302", roles: [.unitAdmin], active: true),
                on: connection)
        }
        let dispatcher = AccessClaims(accountID: dispatcherID, accountKind: .official, roles: ["dispatcher"], unitID: h.dispatchUnit)
        let unitB = AccessClaims(accountID: unitAdminID, accountKind: .official, roles: ["unitAdmin"], unitID: h.unitB)
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
            _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: dispatcher, json: ["unitID": h.unitB.uuidString])
            _ = try await h.call(client, .post, "/appeals/\(id)/sign", as: unitB)
            let reply = ["handlerName": "刘明", "phone": "0719-8111697", "content": "已协调供电公司，本周接入"]
            _ = try await h.call(client, .post, "/appeals/\(id)/reply", as: unitB, json: reply)
            _ = try await h.call(client, .post, "/appeals/\(id)/rating", as: h.enterprise, json: ["solved": false, "satisfied": false])
            _ = try await h.call(client, .post, "/appeals/\(id)/reply", as: unitB, json: reply)
            let closed = try await h.call(client, .post, "/appeals/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": false])
            #expect(closed.string("status") == "closed")

            let archive = try await h.call(client, .get, "/appeals/\(id)/archive?size=100", as: h.enterprise)
            let entries = archive.items
            func entry(_ action: String) throws -> [String: Any] { try #require(entries.first { $0["action"] as? String == action }) }

            let submitted = try entry("submitted")
            #expect(submitted["actorUnitName"] as? String == "十堰示范汽车零部件有限公司")
            let reviewed = try entry("reviewed")
            #expect(reviewed["actorName"] as? String == "张卫东")
            #expect(reviewed["actorUnitName"] as? String == "市发展和改革委员会")

            let dispatched = try entry("dispatched")
            #expect(dispatched["actorName"] as? String == "周晓燕")
            #expect(dispatched["actorUnitName"] as? String == "市营商环境办公室")
            #expect(dispatched["unitID"] as? String == h.unitB.uuidString)
            #expect(dispatched["unitName"] as? String == "市住房和城乡建设局")
            #expect(dispatched["note"] as? String == "分办至市住房和城乡建设局")

            let signed = try entry("signed")
            #expect(signed["actorName"] as? String == "孙志强")
            #expect(signed["actorUnitName"] as? String == "市住房和城乡建设局")

            let replied = try entry("replied")
            #expect(replied["content"] as? String == "已协调供电公司，本周接入")
            #expect(replied["handlerName"] as? String == "刘明")
            #expect((replied["note"] as? String)?.contains("已协调供电公司，本周接入") == true)
            #expect(!archive.text.contains("0719-8111697"))

            let ratings = entries.filter { $0["action"] as? String == "rated" }
            #expect(ratings.map { $0["solved"] as? Bool } == [false, true])
            #expect(ratings.map { $0["satisfied"] as? Bool } == [false, false])
            #expect(ratings.map { $0["note"] as? String } == ["企业评价：未解决，不满意", "企业评价：已解决，不满意"])
            let reopened = try entry("reopened")
            #expect(reopened["note"] as? String == "未解决且不满意，退回市住房和城乡建设局重新办理")
            #expect(reopened["unitName"] as? String == "市住房和城乡建设局")

            // Every entry names a person or the enterprise, and a unit; no note is in English.
            for item in entries {
                let role = item["actorRole"] as? String
                #expect(item["actorUnitName"] is String, "\(item)")
                if role != "enterprise" { #expect(item["actorName"] is String, "\(item)") }
                if let note = item["note"] as? String { #expect(note.range(of: "[A-Za-z]{3,}", options: .regularExpression) == nil, "\(note)") }
            }
        }
    }

    @Test("an item sent straight to dispatch says so in Chinese")
    func systemNotesInChinese() async throws {
        let h = try await AppealsHarness.make()
        try await h.dependencies.pool.execute("DELETE FROM liaison_assignments WHERE enterprise_id = \(h.enterpriseID)")
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            let archive = try await h.call(client, .get, "/appeals/\(id)/archive", as: h.enterprise)
            #expect(archive.items.first?["note"] as? String == "未指定包联干部，直接进入分办")
        }
    }
}
