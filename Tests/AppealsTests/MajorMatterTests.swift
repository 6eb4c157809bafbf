@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Postgres
import Testing
import WorkCalendar

/// 13710 in Pingdingshan: a major matter gets a month and then a dated plan; closure (销号) waits for
/// the assigning side, who approves it or returns it to the unit.
@Suite("13710: major matters, plans and closure approval")
struct MajorMatterTests {
    static let shanghai = WorkCalendar.chinaTimeZone
    let reply = ["handlerName": "刘明", "phone": "13900001111", "content": "已协调完成用地审批"]

    /// An appeal on the 13710 scheme, signed by unit A, with its 3-day progress report made.
    func signed13710(_ h: AppealsHarness, _ client: some TestClientProtocol) async throws -> String {
        // Deadlines a month ahead may fall in next year: make sure it is loaded, as an admin would.
        let next = CalendarDay(containing: Date(), in: Self.shanghai).year + 1
        let year: [String: Any] = ["source": "test", "holidays": ["\(next)-01-01"], "makeupWorkdays": []]
        #expect(try await h.call(client, .put, "/calendar/years/\(next)", as: h.platformAdmin, json: year).status == .ok)
        let unit = h.unitAdmin(h.unitA)
        let form = Forms.appeal(title: "新厂区用地审批涉及多个部门", category: "policyNotImplemented", region: "410402")
        let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: form).string("id"))
        _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
        _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
        #expect(try await h.call(client, .post, "/appeals/\(id)/sign", as: unit).string("step") == "reply")
        #expect(try await h.call(client, .post, "/appeals/\(id)/progress", as: unit, json: ["content": "已召开协调会", "checkpoint": "progress"]).status == .ok)
        return id
    }

    func stepStarted(_ h: AppealsHarness, _ id: String) async throws -> Date {
        try await h.dependencies.pool.query("SELECT step_started_at FROM cases WHERE id = \(UUID(uuidString: id)!)")[0]
            .decode("step_started_at", as: Date.self)
    }

    @Test("a major matter runs on one month from sign-off, then on its plan's date; both are in the record and the events")
    func majorMatterAndPlan() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try await signed13710(h, client)
            let ordinaryDue = try #require(try await h.call(client, .get, "/appeals/\(id)", as: unit).body["summary"] as? [String: Any])["dueAt"] as? String

            // A plan before the matter is major is refused; so is marking by someone else's unit.
            let early = try await h.call(client, .post, "/appeals/\(id)/plans", as: unit, json: Self.plan(days: 40))
            #expect(early.status == .conflict)
            #expect(early.errorMessage == "cannot file a plan: the appeal is in progress but not a major matter")
            #expect(try await h.call(client, .post, "/appeals/\(id)/major", as: h.unitAdmin(h.unitB), json: ["reason": "x"]).status == .notFound)
            #expect(try await h.call(client, .post, "/appeals/\(id)/major", as: unit, json: [:]).errorField == "reason")

            let major = try await h.call(client, .post, "/appeals/\(id)/major", as: unit, json: ["reason": "涉及三个部门的用地审批"])
            #expect(major.status == .ok)
            #expect(major.string("step") == "replyMajor")
            #expect(major["major"] as? Bool == true)
            let started = try await stepStarted(h, id)
            let monthLater = CalendarDay(containing: started, in: Self.shanghai).adding(months: 1).end(in: Self.shanghai)
            #expect(major.string("dueAt").flatMap(EventTime.parse) == monthLater)
            #expect(major.string("dueAt") != ordinaryDue)
            #expect(try await h.call(client, .post, "/appeals/\(id)/major", as: unit, json: ["reason": "再次"]).status == .conflict)

            // The month will not do: the unit files a dated plan, which becomes the due time.
            var bad = Self.plan(days: 40)
            bad["milestones"] = [["date": "2020-01-01", "content": "过去的日期"]]
            #expect(try await h.call(client, .post, "/appeals/\(id)/plans", as: unit, json: bad).errorField == "milestones[0].date")
            bad = Self.plan(days: 400)
            #expect(try await h.call(client, .post, "/appeals/\(id)/plans", as: unit, json: bad).errorField == "resolveBy")
            let planned = try await h.call(client, .post, "/appeals/\(id)/plans", as: unit, json: Self.plan(days: 40))
            #expect(planned.status == .ok)
            #expect(planned.string("step") == "plan")
            let resolveBy = CalendarDay(containing: Date(), in: Self.shanghai).adding(days: 40)
            #expect(planned.string("dueAt").flatMap(EventTime.parse) == resolveBy.end(in: Self.shanghai))

            let detail = try await h.call(client, .get, "/appeals/\(id)", as: h.enterprise)
            #expect(detail["majorReason"] as? String == "涉及三个部门的用地审批")
            let plans = try #require(detail["plans"] as? [[String: Any]])
            #expect(plans.count == 1)
            #expect(plans.first?["resolveBy"] as? String == resolveBy.description)
            #expect((plans.first?["milestones"] as? [[String: Any]])?.count == 2)
            // The 3-day report made earlier still counts: the unit can reply.
            #expect(try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply).status == .ok)

            let uuid = UUID(uuidString: id)!
            let filed = try #require(try await h.eventPayloads(for: uuid, type: AppealPlanFiled.eventType).first)
            #expect(filed["resolveBy"] as? String == resolveBy.description)
            #expect(filed["planVersion"] as? Int == 1)
            #expect((filed["item"] as? [String: Any])?["step"] as? String == "plan")
            #expect(try await h.eventPayloads(for: uuid, type: AppealMarkedMajor.eventType).first?["reason"] as? String == "涉及三个部门的用地审批")
            await #expect(throws: PostgresError.self) {
                try await h.dependencies.pool.execute("UPDATE case_plans SET reason = 'changed'")
            }
        }
    }

    @Test("the new due time of a major matter is marked overdue once, even though the ordinary step's was marked already")
    func majorMatterMarksAgain() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try await signed13710(h, client)
            let scheduler = DeadlineScheduler(dependencies: h.dependencies)
            let ordinaryDue = try await h.dependencies.pool.query("SELECT due_at FROM cases WHERE id = \(UUID(uuidString: id)!)")[0]
                .decode("due_at", as: Date.self)
            #expect(try await scheduler.tick(at: ordinaryDue.addingTimeInterval(1)).overdue == 1)
            let major = try await h.call(client, .post, "/appeals/\(id)/major", as: unit, json: ["reason": "需要跨部门协调"])
            let majorDue = try #require(major.string("dueAt").flatMap(EventTime.parse))
            #expect(try await scheduler.tick(at: ordinaryDue.addingTimeInterval(2)).overdue == 0)
            #expect(try await scheduler.tick(at: majorDue.addingTimeInterval(1)).overdue == 1)
            #expect(try await scheduler.tick(at: majorDue.addingTimeInterval(2)).overdue == 0)
        }
    }

    @Test("closure waits for the dispatcher: returned to the unit with a reason, replied again, approved; the archive and events say so")
    func closureApproval() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try await signed13710(h, client)
            _ = try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply)
            let rated = try await h.call(client, .post, "/appeals/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": false])
            #expect(rated.string("status") == "awaitingClosure")
            #expect((rated["holder"] as? [String: Any])?["kind"] as? String == "dispatcher")
            #expect(rated["trafficLight"] is String)
            #expect(try await h.call(client, .get, "/appeals?queue=closure", as: h.dispatcher).items.map { $0["id"] as? String } == [id])
            #expect(try await h.call(client, .post, "/appeals/\(id)/closure/approve", as: unit, json: [:]).status == .forbidden)
            #expect(try await h.call(client, .post, "/appeals/\(id)/closure/return", as: h.dispatcher, json: [:]).errorField == "reason")

            let back = try await h.call(client, .post, "/appeals/\(id)/closure/return", as: h.dispatcher, json: ["reason": "答复未附整改材料"])
            #expect(back.string("status") == "inProgress")
            #expect(back.string("leadUnitID") == h.unitA.uuidString)
            let notYet = try await h.call(client, .post, "/appeals/\(id)/closure/approve", as: h.dispatcher, json: [:])
            #expect(notYet.status == .conflict)
            #expect(notYet.errorMessage == "cannot approve closure: the appeal is in progress")

            // A new handling round: 13710's progress report is due again before the next reply.
            #expect(try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply).status == .conflict)
            _ = try await h.call(client, .post, "/appeals/\(id)/progress", as: unit, json: ["content": "补充整改材料", "checkpoint": "progress"])
            #expect(try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply).status == .ok)
            _ = try await h.call(client, .post, "/appeals/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": true])
            let approved = try await h.call(client, .post, "/appeals/\(id)/closure/approve", as: h.dispatcher, json: ["note": "材料齐全，同意销号"])
            #expect(approved.string("status") == "closed")

            let archive = try await h.call(client, .get, "/appeals/\(id)/archive?size=100", as: h.enterprise)
            #expect(archive.items.map { $0["action"] as? String } == [
                "submitted", "reviewed", "dispatched", "signed", "progressReported", "replied", "rated", "closureRequested",
                "closureReturned", "progressReported", "replied", "rated", "closureRequested", "closed",
            ])
            #expect(archive.items.last?["action"] as? String == "closed")
            #expect(archive.items.last?["actorRole"] as? String == "dispatcher")
            #expect(archive.items.last?["note"] as? String == "材料齐全，同意销号")
            let prefix = "qinqing.appeals.appeal."
            #expect(Array(try await h.events(for: UUID(uuidString: id)!).suffix(9)) == [
                "replied", "rated", "closure-requested", "closure-returned", "progress-reported", "replied", "rated",
                "closure-requested", "closed",
            ].map { prefix + $0 + ".v1" })
        }
    }

    @Test("under 13710 an unrated item is not closed by its rating window: it waits for closure approval, marked unrated")
    func unratedWaitsForApproval() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try await signed13710(h, client)
            let replied = try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply)
            let due = try #require(replied.string("dueAt").flatMap(EventTime.parse))
            #expect(try await DeadlineScheduler(dependencies: h.dependencies).tick(at: due.addingTimeInterval(1)).autoClosed == 1)
            let detail = try await h.call(client, .get, "/appeals/\(id)", as: h.dispatcher)
            #expect((detail["summary"] as? [String: Any])?["status"] as? String == "awaitingClosure")
            #expect((detail["rating"] as? [String: Any])?["unrated"] as? Bool == true)
            let requested = try #require(try await h.eventPayloads(for: UUID(uuidString: id)!, type: AppealClosureRequested.eventType).first)
            #expect(requested["unrated"] as? Bool == true)
            let approved = try await h.call(client, .post, "/appeals/\(id)/closure/approve", as: h.dispatcher, json: [:])
            #expect(approved.string("status") == "closed")
            let closed = try #require(try await h.eventPayloads(for: UUID(uuidString: id)!, type: AppealClosed.eventType).first)
            #expect(closed["unrated"] as? Bool == true)
        }
    }

    @Test("Shiyan's scheme has no major-matter limit and no closure approval: rating closes the item")
    func shiyanHasNeither() async throws {
        let h = try await AppealsHarness.make()
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            _ = try await h.call(client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            _ = try await h.call(client, .post, "/complaints/\(id)/sign", as: unit)
            let refused = try await h.call(client, .post, "/complaints/\(id)/major", as: unit, json: ["reason": "复杂"])
            #expect(refused.status == .conflict)
            #expect(refused.errorMessage?.contains("no major-matter limit") == true)
            _ = try await h.call(client, .post, "/complaints/\(id)/reply", as: unit, json: reply)
            let rated = try await h.call(client, .post, "/complaints/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": true])
            #expect(rated.string("status") == "closed")
        }
    }

    static func plan(days: Int) -> [String: Any] {
        let today = CalendarDay(containing: Date(), in: shanghai)
        return [
            "resolveBy": today.adding(days: days).description,
            "milestones": [
                ["date": today.adding(days: min(days, 10)).description, "content": "完成用地预审"],
                ["date": today.adding(days: min(days, 30)).description, "content": "取得规划许可"],
            ],
            "reason": "用地审批需省级批复，一个月内无法办结",
        ]
    }
}
