@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("Queues, filters, search and serial numbers")
struct QueueTests {
    @Test("serial numbers are unique and consecutive under concurrent submissions")
    func concurrentSerials() async throws {
        let h = try await AppealsHarness.make()
        let enterprise = h.enterprise
        try await h.application().test(.router) { client in
            let serials = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await h.call(client, .post, "/appeals", as: enterprise, json: Forms.appeal(title: "诉求\(index)")).string("serialNumber")
                    }
                }
                var all: [String] = []
                for try await serial in group { if let serial { all.append(serial) } }
                return all
            }
            #expect(serials.count == 12)
            #expect(Set(serials).count == 12)
            let sequences = serials.compactMap { Int($0.suffix(4)) }.sorted()
            #expect(sequences == Array(1...12))
        }
    }

    @Test("each role sees its queue; pagination, keyword, status filter and sort work; other enterprises see nothing")
    func queues() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            var ids: [String] = []
            for title in ["电力增容", "道路维修", "电力线路迁改"] {
                ids.append(try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: title)).string("id")))
            }
            _ = try await h.call(client, .post, "/appeals/\(ids[1])/review", as: h.liaison, json: [:])

            let mine = try await h.call(client, .get, "/appeals?size=2&page=1&sort=time_asc", as: h.enterprise)
            #expect(mine["total"] as? Int == 3)
            #expect(mine.items.map { $0["title"] as? String } == ["电力增容", "道路维修"])
            let page2 = try await h.call(client, .get, "/appeals?size=2&page=2&sort=time_asc", as: h.enterprise)
            #expect(page2.items.map { $0["title"] as? String } == ["电力线路迁改"])
            let newest = try await h.call(client, .get, "/appeals?sort=time_desc", as: h.enterprise)
            #expect(newest.items.first?["title"] as? String == "电力线路迁改")
            let search = try await h.call(client, .get, "/appeals?q=%E7%94%B5%E5%8A%9B", as: h.enterprise)
            #expect(search["total"] as? Int == 2)
            #expect(try await h.call(client, .get, "/appeals", as: h.otherEnterprise)["total"] as? Int == 0)

            #expect(try await h.call(client, .get, "/appeals?queue=review", as: h.liaison)["total"] as? Int == 2)
            #expect(try await h.call(client, .get, "/appeals?queue=dispatch", as: h.dispatcher)["total"] as? Int == 1)
            let inspector = try await h.call(client, .get, "/appeals?queue=all&status=reviewing&region=420302", as: h.inspector)
            #expect(inspector["total"] as? Int == 2)
            #expect(inspector.items.allSatisfy { ($0["trafficLight"] as? String) == "green" })
            #expect(try await h.call(client, .get, "/appeals?queue=all", as: h.enterprise).status == .forbidden)
            #expect(try await h.call(client, .get, "/appeals?queue=review", as: h.dispatcher).status == .forbidden)
            let bad = try await h.call(client, .get, "/appeals?size=500", as: h.enterprise)
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "size")
            #expect(try await h.call(client, .get, "/appeals?status=lost", as: h.enterprise).errorField == "status")
        }
    }

    @Test("categories are reference data that platform admins extend")
    func categories() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let listed = try await h.call(client, .get, "/categories?kind=appeal", as: nil)
            #expect(listed["total"] as? Int == 3)
            let body: [String: Any] = ["code": "landUse", "kind": "appeal", "name": "用地问题"]
            #expect(try await h.call(client, .post, "/categories", as: h.dispatcher, json: body).status == .forbidden)
            #expect(try await h.call(client, .post, "/categories", as: h.platformAdmin, json: body).status == .created)
            #expect(try await h.call(client, .post, "/categories", as: h.platformAdmin, json: body).status == .conflict)
            let created = try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(category: "landUse"))
            #expect(created.status == .created)
            let schemes = try await h.call(client, .get, "/deadline-schemes", as: nil)
            #expect(Set(schemes.items.compactMap { $0["code"] as? String }) == ["shiyan", "13710"])
        }
    }
}

@Suite("First-responder rule and traffic lights")
struct LeadUnitTests {
    @Test("only a dispatcher's reassignment with a reason changes the lead unit once signed")
    func reassignment() async throws {
        let h = try await AppealsHarness.make()
        let unitA = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            _ = try await h.call(client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            _ = try await h.call(client, .post, "/complaints/\(id)/sign", as: unitA)
            #expect(try await h.call(client, .post, "/complaints/\(id)/dispatch", as: unitA, json: ["unitID": h.unitB.uuidString]).status == .forbidden)
            let noReason = try await h.call(client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitB.uuidString])
            #expect(noReason.status == .badRequest)
            #expect(noReason.errorField == "reason")
            let unknown = try await h.call(
                client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": UUID().uuidString, "reason": "x"])
            #expect(unknown.errorField == "unitID")
            let moved = try await h.call(
                client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitB.uuidString, "reason": "属住建职责"])
            #expect(moved.string("status") == "signing")
            #expect(moved.string("leadUnitID") == h.unitB.uuidString)
            #expect(try await h.call(client, .post, "/complaints/\(id)/sign", as: unitA).status == .notFound)
            let event = try #require(try await h.eventPayloads(for: UUID(uuidString: id)!, type: ComplaintDispatched.eventType).last)
            #expect(event["previousUnitID"] as? String == h.unitA.uuidString)
            #expect(event["reason"] as? String == "属住建职责")
            let archive = try await h.call(client, .get, "/complaints/\(id)/archive", as: h.inspector)
            #expect(archive.items.last?["action"] as? String == "reassigned")
        }
    }

    @Test("yellow after the due-soon point, red after the due time; inspectors filter the overdue")
    func trafficLights() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let yellow = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "黄灯")).string("id"))
            let red = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "红灯")).string("id"))
            _ = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "绿灯")).string("id"))
            try await h.dependencies.pool.execute(
                "UPDATE cases SET due_soon_at = now() - interval '1 hour' WHERE id = \(UUID(uuidString: yellow)!)")
            try await h.dependencies.pool.execute(
                "UPDATE cases SET due_soon_at = now() - interval '2 days', due_at = now() - interval '1 hour' WHERE id = \(UUID(uuidString: red)!)")
            let all = try await h.call(client, .get, "/appeals?queue=all", as: h.inspector)
            let lights = Dictionary(uniqueKeysWithValues: all.items.map { ($0["title"] as? String ?? "", $0["trafficLight"] as? String ?? "") })
            #expect(lights == ["黄灯": "yellow", "红灯": "red", "绿灯": "green"])
            let overdue = try await h.call(client, .get, "/appeals?queue=all&overdue=true", as: h.inspector)
            #expect(overdue.items.map { $0["id"] as? String } == [red])
        }
    }
}
