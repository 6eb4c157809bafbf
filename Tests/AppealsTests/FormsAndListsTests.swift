@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

/// What the source documents say about the forms, the lists and who sees what (issue 10, items 8–11, 15).
@Suite("Forms, lists and rights as the documents describe them")
struct FormsAndListsTests {
    @Test("a complaint without an e-mail address is refused naming contactEmail (manual 1.5.2 marks 电子邮箱 with *)")
    func complaintEmailRequired() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            var form = Forms.complaint()
            form.removeValue(forKey: "contactEmail")
            let missing = try await h.call(client, .post, "/complaints", as: h.enterprise, json: form)
            #expect(missing.status == .badRequest)
            #expect(missing.errorField == "contactEmail")
            form["contactEmail"] = "  "
            #expect(try await h.call(client, .post, "/complaints", as: h.enterprise, json: form).errorField == "contactEmail")
            form["contactEmail"] = "not-an-address"
            #expect(try await h.call(client, .post, "/complaints", as: h.enterprise, json: form).errorField == "contactEmail")
            #expect(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).status == .created)
        }
    }

    @Test("inaction (不作为、推诿) is an appeal category: appeals may choose it, complaints may not, older complaints stay readable")
    func inactionIsAnAppealCategory() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let appeals = try await h.call(client, .get, "/categories?kind=appeal", as: nil)
            #expect(appeals.items.contains { $0["code"] as? String == "inaction" })
            let complaints = try await h.call(client, .get, "/categories?kind=complaint", as: nil)
            #expect(!complaints.items.contains { $0["code"] as? String == "inaction" })

            // A complaint filed under it before the change.
            let older = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            try await h.dependencies.pool.execute("UPDATE cases SET category = 'inaction' WHERE id = \(UUID(uuidString: older)!)")
            let read = try await h.call(client, .get, "/complaints/\(older)", as: h.enterprise)
            #expect(read.status == .ok)
            #expect((read["summary"] as? [String: Any])?["category"] as? String == "inaction")

            var complaint = Forms.complaint()
            complaint["category"] = "inaction"
            let refused = try await h.call(client, .post, "/complaints", as: h.enterprise, json: complaint)
            #expect(refused.status == .notFound)
            #expect(refused.errorField == "category")
            let appeal = try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(category: "inaction"))
            #expect(appeal.status == .created)
            #expect(appeal.string("category") == "inaction")
        }
    }

    @Test("a unit admin sees the ratings of its own unit's liaison officials only; inspectors see every official's")
    func unitAdminSeesOwnUnitsRatings() async throws {
        let h = try await AppealsHarness.make()
        let otherLiaison = UUID()
        try await h.dependencies.pool.withTransaction { connection in
            try await IdentityProjection.upsert(
                OfficialProfile(officialID: otherLiaison, name: "陈立新", unitID: h.unitC, region: "420302", roles: [.liaison], active: true),
                on: connection)
            try await connection.execute(
                """
                INSERT INTO liaison_assignments (enterprise_id, official_id, unit_id, assigned_at)
                VALUES (\(h.enterpriseID), \(otherLiaison), \(h.unitC), now())
                """)
        }
        try await h.application().test(.router) { client in
            let scores = ["epidemicGuide": 5, "developmentAdvisor": 4, "appealMediator": 5, "policyPromoter": 3]
            for official in [h.liaisonID, otherLiaison] {
                let rated = try await h.call(
                    client, .post, "/official-ratings", as: h.enterprise, json: ["officialID": official.uuidString, "scores": scores])
                #expect(rated.status == .created)
            }
            let own = try await h.call(client, .get, "/official-ratings", as: h.unitAdmin(h.liaisonUnitID))
            #expect(own.items.map { $0["officialName"] as? String } == ["张卫东"])
            #expect(own["total"] as? Int == 1)
            let other = try await h.call(client, .get, "/official-ratings", as: h.unitAdmin(h.unitC))
            #expect(other.items.map { $0["officialName"] as? String } == ["陈立新"])
            #expect(try await h.call(client, .get, "/official-ratings", as: h.unitAdmin(h.unitB))["total"] as? Int == 0)
            let all = try await h.call(client, .get, "/official-ratings", as: h.inspector)
            #expect(Set(all.items.compactMap { $0["officialName"] as? String }) == ["张卫东", "陈立新"])
        }
    }

    @Test("已处理: the liaison and the unit admin list the items they have handled, closed ones too, with the open queues' filters")
    func handledQueues() async throws {
        let h = try await AppealsHarness.make()
        let unitA = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            var ids: [String] = []
            for title in ["电力增容", "道路维修", "排污许可"] {
                ids.append(try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: title)).string("id")))
            }
            // Closed: 电力增容; replied: 道路维修; 排污许可 still waits for review.
            for id in ids.prefix(2) {
                _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
                _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
                _ = try await h.call(client, .post, "/appeals/\(id)/sign", as: unitA)
                let reply = ["handlerName": "刘明", "phone": "0719-8111697", "content": "已协调解决"]
                #expect(try await h.call(client, .post, "/appeals/\(id)/reply", as: unitA, json: reply).status == .ok)
            }
            let closed = try await h.call(client, .post, "/appeals/\(ids[0])/rating", as: h.enterprise, json: ["solved": true, "satisfied": true])
            #expect(closed.string("status") == "closed")

            let liaisonHandled = try await h.call(client, .get, "/appeals?queue=handled&sort=time_asc", as: h.liaison)
            #expect(liaisonHandled.items.map { $0["title"] as? String } == ["电力增容", "道路维修"])
            let liaisonClosed = try await h.call(client, .get, "/appeals?queue=handled&status=closed", as: h.liaison)
            #expect(liaisonClosed.items.map { $0["id"] as? String } == [ids[0]])

            let unitHandled = try await h.call(client, .get, "/appeals?queue=handled", as: unitA)
            #expect(Set(unitHandled.items.compactMap { $0["id"] as? String }) == Set(ids.prefix(2)))
            #expect(try await h.call(client, .get, "/appeals?queue=handled&status=closed", as: unitA).items.map { $0["id"] as? String } == [ids[0]])
            let searched = try await h.call(client, .get, "/appeals?queue=handled&q=%E9%81%93%E8%B7%AF", as: unitA)
            #expect(searched.items.map { $0["title"] as? String } == ["道路维修"])
            #expect(try await h.call(client, .get, "/appeals?queue=handled&size=1", as: unitA)["total"] as? Int == 2)
            #expect(try await h.call(client, .get, "/appeals?queue=handled", as: h.unitAdmin(h.unitB))["total"] as? Int == 0)
            #expect(try await h.call(client, .get, "/appeals?queue=handled", as: h.dispatcher).status == .forbidden)
            #expect(try await h.call(client, .get, "/appeals?queue=handled", as: h.enterprise).status == .forbidden)
        }
    }
}
