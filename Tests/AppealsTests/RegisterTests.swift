@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("Public register and official ratings")
struct RegisterTests {
    /// Every personal value the seeded forms carry.
    static let secrets = [
        Forms.complaintIDNumber, Forms.complaintPhone, Forms.complaintEmail, "13912345678", "13887654321", "0719-8111697",
        "王建华", "李小红", "赵敏", "刘明",
    ]

    func conclude(
        _ h: AppealsHarness, _ client: some TestClientProtocol, _ kind: String, _ id: String, contact: String = "王建华"
    ) async throws {
        let unit = h.unitAdmin(h.unitA)
        if kind == "appeals" { _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:]) }
        _ = try await h.call(client, .post, "/\(kind)/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
        _ = try await h.call(client, .post, "/\(kind)/\(id)/sign", as: unit)
        _ = try await h.call(
            client, .post, "/\(kind)/\(id)/reply", as: unit,
            json: ["handlerName": "刘明", "phone": "0719-8111697", "content": "刘明已联系\(contact)（13912345678），问题已解决"])
        let closed = try await h.call(client, .post, "/\(kind)/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": true])
        #expect(closed.string("status") == "closed")
    }

    @Test("guests see concluded appeals and public complaints, never personal data; withheld items disappear")
    func register() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            var appeal = Forms.appeal(title: "请李小红协调用电")
            var problem = appeal["problem"] as! [String: Any]
            problem["detail"] = "联系人李小红，电话13887654321，邮箱 zhao.min@example.com"
            appeal["problem"] = problem
            let appealID = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: appeal).string("id"))
            let publicID = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            let privateID = try #require(
                try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint(title: "不公开的投诉", isPublic: false)).string("id"))
            let openID = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "未办结")).string("id"))
            #expect(try await h.call(client, .get, "/register", as: nil)["total"] as? Int == 0)
            try await conclude(h, client, "appeals", appealID)
            try await conclude(h, client, "complaints", publicID, contact: "赵敏")
            try await conclude(h, client, "complaints", privateID, contact: "赵敏")

            let list = try await h.call(client, .get, "/register?size=100", as: nil)
            #expect(Set(list.items.compactMap { $0["id"] as? String }) == [appealID, publicID])
            #expect(!list.items.contains { $0["id"] as? String == openID })
            let filtered = try await h.call(client, .get, "/register?kind=complaint&region=420302", as: nil)
            #expect(filtered.items.map { $0["id"] as? String } == [publicID])
            #expect(try await h.call(client, .get, "/register?nature=opinion", as: nil)["total"] as? Int == 0)
            #expect(try await h.call(client, .get, "/register?nature=complaint", as: nil)["total"] as? Int == 1)
            #expect(try await h.call(client, .get, "/register?nature=x", as: nil).errorField == "nature")
            let entry = try await h.call(client, .get, "/register/\(appealID)", as: nil)
            #expect(entry.string("title") == "请李**协调用电")
            #expect(entry.string("unitName") == "市经济和信息化局")
            #expect(try await h.call(client, .get, "/register/\(privateID)", as: nil).status == .notFound)
            for response in [list, filtered, entry, try await h.call(client, .get, "/register/\(publicID)", as: nil)] {
                for secret in Self.secrets {
                    #expect(!response.text.contains(secret), "the register shows \(secret)")
                }
            }

            #expect(try await h.call(client, .post, "/register/\(publicID)/withhold", as: h.enterprise, json: ["reason": "x"]).status == .forbidden)
            #expect(try await h.call(client, .post, "/register/\(publicID)/withhold", as: h.inspector, json: ["reason": "涉及商业秘密"]).status == .noContent)
            #expect(try await h.call(client, .get, "/register", as: nil)["total"] as? Int == 1)
            let archive = try await h.call(client, .get, "/complaints/\(publicID)/archive", as: h.enterprise)
            #expect(archive.items.last?["action"] as? String == "withheldFromRegister")
            #expect(archive.items.last?["note"] as? String == "涉及商业秘密")

            let sheet = try await h.call(client, .get, "/appeals/\(appealID)/dispatch-sheet", as: h.unitAdmin(h.unitA))
            #expect(sheet.status == .ok)
            #expect(sheet.text.contains("分办单"))
            #expect(sheet.text.contains("市经济和信息化局"))
            #expect(sheet.text.contains("承办人签字"))
            #expect(try await h.call(client, .get, "/appeals/\(appealID)/dispatch-sheet", as: h.unitAdmin(h.unitB)).status == .notFound)
        }
    }

    @Test("an enterprise rates its liaison official once a quarter on the four roles; the result is an event")
    func officialRatings() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let scores = ["epidemicGuide": 5, "developmentAdvisor": 4, "appealMediator": 5, "policyPromoter": 3]
            let body: [String: Any] = ["officialID": h.liaisonID.uuidString, "scores": scores]
            let first = try await h.call(client, .post, "/official-ratings", as: h.enterprise, json: body)
            #expect(first.status == .created)
            let again = try await h.call(client, .post, "/official-ratings", as: h.enterprise, json: body)
            #expect(again.status == .conflict)
            let stranger = try await h.call(
                client, .post, "/official-ratings", as: h.otherEnterprise, json: body)
            #expect(stranger.errorField == "officialID")
            var bad = body
            bad["scores"] = ["epidemicGuide": 6, "developmentAdvisor": 4, "appealMediator": 5, "policyPromoter": 3]
            #expect(try await h.call(client, .post, "/official-ratings", as: h.enterprise, json: bad).errorField == "scores.epidemicGuide")
            let summary = try await h.call(client, .get, "/official-ratings", as: h.inspector)
            #expect(summary.items.first?["officialName"] as? String == "张卫东")
            #expect(summary.items.first?["developmentAdvisor"] as? Double == 4)
            #expect(try await h.events(for: h.liaisonID) == [OfficialRated.eventType])
        }
    }
}
