@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("Appeal life cycle over HTTP")
struct AppealLifecycleTests {
    @Test("submit → review (text corrected) → dispatch → returned → redispatch → sign → co-handler → material pause → progress → reply → reopen → reply → rate → closed")
    func fullLifeCycle() async throws {
        let h = try await AppealsHarness.make()
        let enterprise = h.enterprise
        let unitA = h.unitAdmin(h.unitA)
        let unitB = h.unitAdmin(h.unitB)
        let dispatcher = h.dispatcher
        try await h.application().test(.router) { client in
            let created = try await h.call(client, .post, "/appeals", as: enterprise, json: Forms.appeal())
            #expect(created.status == .created)
            let id = try #require(created.string("id").flatMap(UUID.init(uuidString:)))
            let serial = try #require(created.string("serialNumber"))
            #expect(serial.range(of: #"^SQ[0-9]{6}[0-9]{4}$"#, options: .regularExpression) != nil)
            #expect(created.string("status") == "reviewing")
            #expect(created.string("step") == "review")
            #expect(created["dueAt"] is String)
            #expect((created["holder"] as? [String: Any])?["kind"] as? String == "liaison")

            // Another enterprise cannot see it; a unit cannot act on it yet.
            #expect(try await h.call(client, .get, "/appeals/\(id)", as: h.otherEnterprise).status == .notFound)
            let early = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: dispatcher, json: ["unitID": h.unitA.uuidString])
            #expect(early.status == .conflict)
            #expect(early.errorMessage?.contains("under liaison review") == true)

            // The liaison's queue has it; the liaison corrects the title.
            let review = try await h.call(client, .get, "/appeals?queue=review", as: h.liaison)
            #expect(review.items.map { $0["id"] as? String } == [id.uuidString])
            let reviewed = try await h.call(
                client, .post, "/appeals/\(id)/review", as: h.liaison, json: ["title": "新厂房用电报装未接入（已核实）", "note": "情况属实"])
            #expect(reviewed.status == .ok)
            #expect(reviewed.string("status") == "dispatching")

            let detail = try await h.call(client, .get, "/appeals/\(id)", as: enterprise)
            let versions = detail["versions"] as? [[String: Any]] ?? []
            #expect(versions.map { $0["title"] as? String } == ["新厂房用电报装迟迟未接入", "新厂房用电报装未接入（已核实）"])
            #expect(versions.map { $0["authorRole"] as? String } == ["enterprise", "liaison"])
            let form = detail["appealForm"] as? [String: Any]
            #expect((form?["basic"] as? [String: Any])?["contactPhone"] as? String == "13887654321")
            #expect(detail.text.contains("\"revenue\":8600.25"))

            // Dispatch to unit A, which hands it back as not theirs.
            let toA = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: dispatcher, json: ["unitID": h.unitA.uuidString])
            #expect(toA.string("status") == "signing")
            #expect(try await h.call(client, .post, "/appeals/\(id)/sign", as: unitB).status == .notFound)
            let back = try await h.call(client, .post, "/appeals/\(id)/return", as: unitA, json: ["reason": "不属于本单位职责"])
            #expect(back.string("status") == "dispatching")
            let returned = try await h.call(client, .get, "/appeals?queue=returned", as: dispatcher)
            #expect(returned.items.map { $0["id"] as? String } == [id.uuidString])

            // Unit B signs: it is the lead from now on.
            _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: dispatcher, json: ["unitID": h.unitB.uuidString])
            #expect(try await h.call(client, .get, "/appeals?queue=sign", as: unitB).items.count == 1)
            let signed = try await h.call(client, .post, "/appeals/\(id)/sign", as: unitB)
            #expect(signed.string("status") == "inProgress")
            #expect(signed.string("step") == "reply")
            let again = try await h.call(client, .post, "/appeals/\(id)/sign", as: unitB)
            #expect(again.status == .conflict)
            #expect(again.errorMessage == "cannot sign: the appeal is in progress")

            // A co-handler joins; the lead stays unit B.
            let co = try await h.call(client, .post, "/appeals/\(id)/co-handlers", as: unitB, json: ["unitID": h.unitA.uuidString])
            #expect(co.string("leadUnitID") == h.unitB.uuidString)
            #expect(try await h.call(client, .get, "/appeals?queue=inProgress", as: unitA).items.count == 1)

            // More material: the clock stops, then runs again.
            let dueBefore = try #require(signed.string("dueAt"))
            let paused = try await h.call(client, .post, "/appeals/\(id)/material-requests", as: unitB, json: ["request": "请补充用电报装申请表"])
            #expect(paused.string("status") == "awaitingMaterial")
            #expect(paused["dueAt"] == nil)
            #expect((paused["holder"] as? [String: Any])?["kind"] as? String == "enterprise")
            let resumed = try await h.call(client, .post, "/appeals/\(id)/material", as: enterprise, json: ["note": "已上传"])
            #expect(resumed.string("status") == "inProgress")
            #expect(try #require(resumed.string("dueAt")) >= dueBefore)

            _ = try await h.call(client, .post, "/appeals/\(id)/progress", as: unitA, json: ["content": "已现场核实"])
            let reply = ["handlerName": "刘明", "phone": "0719-8111697", "content": "已协调供电公司，本周接入"]
            let replied = try await h.call(client, .post, "/appeals/\(id)/reply", as: unitB, json: reply)
            #expect(replied.string("status") == "replied")
            #expect(replied.string("step") == "rate")

            // Not solved and not satisfied: back to the same unit.
            let reopened = try await h.call(client, .post, "/appeals/\(id)/rating", as: enterprise, json: ["solved": false, "satisfied": false])
            #expect(reopened.string("status") == "inProgress")
            #expect(reopened.string("leadUnitID") == h.unitB.uuidString)
            _ = try await h.call(client, .post, "/appeals/\(id)/reply", as: unitB, json: reply)
            let closed = try await h.call(client, .post, "/appeals/\(id)/rating", as: enterprise, json: ["solved": true, "satisfied": true])
            #expect(closed.string("status") == "closed")
            #expect(closed["holder"] == nil)
            let late = try await h.call(client, .post, "/appeals/\(id)/withdraw", as: enterprise, json: [:])
            #expect(late.status == .conflict)
            #expect(late.errorMessage == "cannot withdraw: the appeal is closed")

            let archive = try await h.call(client, .get, "/appeals/\(id)/archive?size=100", as: enterprise)
            #expect(archive.items.map { $0["action"] as? String } == [
                "submitted", "reviewed", "dispatched", "returnedToDispatcher", "dispatched", "signed", "coHandlerAdded",
                "materialRequested", "materialSupplied", "progressReported", "replied", "rated", "reopened", "replied", "rated", "closed",
            ])
            #expect(archive.items[3]["note"] as? String == "不属于本单位职责")
            #expect(archive.items[3]["fromStatus"] as? String == "signing")
            #expect(archive.items[3]["toStatus"] as? String == "dispatching")

            let prefix = "qinqing.appeals.appeal."
            #expect(try await h.events(for: id) == [
                "submitted", "reviewed", "dispatched", "returned", "dispatched", "signed", "co-handler-added",
                "material-requested", "material-supplied", "progress-reported", "replied", "rated", "reopened", "replied", "rated", "closed",
            ].map { prefix + $0 + ".v1" })
            let submittedEvent = try #require(try await h.eventPayloads(for: id, type: AppealSubmitted.eventType).first)
            let item = submittedEvent["item"] as? [String: Any]
            #expect(item?["serialNumber"] as? String == serial)
            #expect(item?["enterpriseName"] as? String == "十堰示范汽车零部件有限公司")
            #expect(item?["region"] as? String == "420302")
            #expect(item?["step"] as? String == "review")
            #expect(item?["dueAt"] is String)
            let returnedEvent = try #require(try await h.eventPayloads(for: id, type: AppealReturned.eventType).first)
            #expect(returnedEvent["returnedTo"] as? String == "dispatcher")
        }
    }

    @Test("returned to the enterprise, edited and resubmitted; withdrawn before sign-off; 404 for other enterprises")
    func returnResubmitWithdraw() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let created = try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "原标题"))
            let id = try #require(created.string("id"))
            let back = try await h.call(client, .post, "/appeals/\(id)/return-to-enterprise", as: h.liaison, json: ["reason": "请写明具体地址"])
            #expect(back.string("status") == "returnedToEnterprise")
            #expect(try await h.call(client, .post, "/appeals/\(id)/resubmit", as: h.otherEnterprise, json: Forms.appeal()).status == .notFound)
            let resubmitted = try await h.call(client, .post, "/appeals/\(id)/resubmit", as: h.enterprise, json: Forms.appeal(title: "修改后的标题"))
            #expect(resubmitted.string("status") == "reviewing")
            #expect(resubmitted.string("title") == "修改后的标题")
            #expect(try await h.call(client, .post, "/appeals/\(id)/withdraw", as: h.otherEnterprise, json: [:]).status == .notFound)
            let withdrawn = try await h.call(client, .post, "/appeals/\(id)/withdraw", as: h.enterprise, json: ["reason": "已自行解决"])
            #expect(withdrawn.string("status") == "withdrawn")
            let detail = try await h.call(client, .get, "/appeals/\(id)", as: h.enterprise)
            #expect((detail["versions"] as? [[String: Any]])?.count == 2)
            #expect(try await h.events(for: UUID(uuidString: id)!) == [
                AppealSubmitted.eventType, AppealReturned.eventType, AppealResubmitted.eventType, AppealWithdrawn.eventType,
            ])
        }
    }
}
