@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Postgres
import Testing
import WorkCalendar

@Suite("Deadlines, the scheduler and escalation")
struct DeadlineTests {
    func dueAt(_ h: AppealsHarness, _ id: String) async throws -> Date {
        try await h.dependencies.pool.query("SELECT due_at FROM cases WHERE id = \(UUID(uuidString: id)!)")[0].decode("due_at", as: Date.self)
    }

    @Test("the calendar the service ships gives the official deadlines of 2025 and 2026")
    func shippedCalendar() async throws {
        let h = try await AppealsHarness.make()
        let calendar = try await h.dependencies.pool.withConnection { try await CalendarStore.load(on: $0) }
        #expect(calendar.loadedYears == [2025, 2026])
        #expect(try calendar.lastDay(of: 15, .workingDays, after: CalendarDay("2025-09-26")!) == CalendarDay("2025-10-23"))
        #expect(try calendar.lastDay(of: 1, .workingDays, after: CalendarDay("2026-02-13")!) == CalendarDay("2026-02-14"))
    }

    @Test("overdue is marked once per step, with two schedulers at once and again after a restart; due-soon once too")
    func overdueOnce() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            let due = try await dueAt(h, id)
            let soon = due.addingTimeInterval(-60)
            let first = DeadlineScheduler(dependencies: h.dependencies)
            let second = DeadlineScheduler(dependencies: h.dependencies)
            async let a = first.tick(at: soon)
            async let b = second.tick(at: soon)
            let (ra, rb) = try await (a, b)
            #expect(ra.dueSoon + rb.dueSoon == 1)
            let late = due.addingTimeInterval(3600)
            async let c = first.tick(at: late)
            async let d = second.tick(at: late)
            let (rc, rd) = try await (c, d)
            #expect(rc.overdue + rd.overdue == 1)
            #expect(rc.dueSoon + rd.dueSoon == 0)
            // A restarted instance finds nothing left to mark.
            let restarted = DeadlineScheduler(dependencies: h.dependencies)
            #expect(try await restarted.tick(at: late.addingTimeInterval(86400)) == .init())
            let uuid = UUID(uuidString: id)!
            #expect(try await h.events(for: uuid) == [AppealSubmitted.eventType, AppealDueSoon.eventType, AppealOverdue.eventType])
            let overdue = try #require(try await h.eventPayloads(for: uuid, type: AppealOverdue.eventType).first)
            #expect((overdue["item"] as? [String: Any])?["step"] as? String == "review")

            // The inspector sees it among the overdue and escalates it; the record cannot be edited.
            let listed = try await h.call(client, .get, "/appeals?queue=all&overdue=false", as: h.inspector)
            #expect(listed.status == .ok)
            let escalated = try await h.call(client, .post, "/appeals/\(id)/escalations", as: h.inspector, json: ["note": "请立即审核"])
            #expect(escalated.status == .ok)
            #expect(try await h.call(client, .post, "/appeals/\(id)/escalations", as: h.dispatcher, json: ["note": "x"]).status == .forbidden)
            await #expect(throws: PostgresError.self) {
                try await h.dependencies.pool.execute("UPDATE escalations SET note = 'changed'")
            }
            let detail = try await h.call(client, .get, "/appeals/\(id)", as: h.inspector)
            #expect((detail["escalations"] as? [[String: Any]])?.first?["note"] as? String == "请立即审核")
            // The next step starts a new clock: its overdue is marked again, once.
            _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
            let nextDue = try await dueAt(h, id)
            #expect(try await first.tick(at: nextDue.addingTimeInterval(1)).overdue == 1)
            #expect(try await second.tick(at: nextDue.addingTimeInterval(2)).overdue == 0)
        }
    }

    @Test("a replied item nobody rates closes itself when the rating window ends, marked unrated")
    func autoClose() async throws {
        let h = try await AppealsHarness.make()
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            _ = try await h.call(client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            _ = try await h.call(client, .post, "/complaints/\(id)/sign", as: unit)
            _ = try await h.call(client, .post, "/complaints/\(id)/reply", as: unit, json: ["handlerName": "刘明", "phone": "13900001111", "content": "已处理"])
            let due = try await dueAt(h, id)
            let scheduler = DeadlineScheduler(dependencies: h.dependencies)
            #expect(try await scheduler.tick(at: due.addingTimeInterval(-3600)).autoClosed == 0)
            #expect(try await scheduler.tick(at: due.addingTimeInterval(1)).autoClosed == 1)
            let detail = try await h.call(client, .get, "/complaints/\(id)", as: h.enterprise)
            #expect((detail["summary"] as? [String: Any])?["status"] as? String == "closed")
            #expect((detail["rating"] as? [String: Any])?["unrated"] as? Bool == true)
            let closed = try #require(try await h.eventPayloads(for: UUID(uuidString: id)!, type: ComplaintClosed.eventType).first)
            #expect(closed["unrated"] as? Bool == true)
            #expect(try await h.call(client, .post, "/complaints/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": true]).status == .conflict)
        }
    }

    @Test("13710 in Pingdingshan: signing is due the same day, and a reply needs the 3-day progress report first")
    func scheme13710() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let id = try #require(
                try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(category: "policyNotImplemented", region: "410402")).string("id"))
            _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
            let dispatched = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            let signDue = try #require(dispatched.string("dueAt").flatMap(EventTime.parse))
            let endOfToday = CalendarDay(containing: Date(), in: WorkCalendar.chinaTimeZone).end(in: WorkCalendar.chinaTimeZone)
            #expect(signDue == endOfToday)
            _ = try await h.call(client, .post, "/appeals/\(id)/sign", as: unit)
            let reply = ["handlerName": "刘明", "phone": "13900001111", "content": "已办结"]
            let refused = try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply)
            #expect(refused.status == .conflict)
            #expect(refused.errorMessage?.contains("progress") == true)
            let detail = try await h.call(client, .get, "/appeals/\(id)", as: unit)
            #expect((detail["checkpoints"] as? [[String: Any]])?.map { $0["step"] as? String } == ["progress"])
            #expect(try await h.call(client, .post, "/appeals/\(id)/progress", as: unit, json: ["content": "已对接", "checkpoint": "progress"]).status == .ok)
            #expect(try await h.call(client, .post, "/appeals/\(id)/reply", as: unit, json: reply).status == .ok)
        }
    }

    @Test("platform admins load a year of the calendar, published as an event; bad input is named; others are refused")
    func calendarYears() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let year: [String: Any] = ["source": "国办发明电〔2026〕X号", "holidays": ["2027-01-01", "2027-02-06"], "makeupWorkdays": ["2027-02-14"]]
            #expect(try await h.call(client, .put, "/calendar/years/2027", as: h.dispatcher, json: year).status == .forbidden)
            var bad = year
            bad["holidays"] = ["2027-13-01"]
            let invalid = try await h.call(client, .put, "/calendar/years/2027", as: h.platformAdmin, json: bad)
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorField == "holidays[0]")
            bad = year
            bad["makeupWorkdays"] = ["2027-02-15"]
            #expect(try await h.call(client, .put, "/calendar/years/2027", as: h.platformAdmin, json: bad).errorField == "makeupWorkdays")
            let saved = try await h.call(client, .put, "/calendar/years/2027", as: h.platformAdmin, json: year)
            #expect(saved.status == .ok)
            let years = try await h.call(client, .get, "/calendar/years", as: nil)
            #expect(years.items.map { $0["year"] as? Int } == [2025, 2026, 2027])
            let calendar = try await h.dependencies.pool.withConnection { try await CalendarStore.load(on: $0) }
            #expect(try calendar.isWorkingDay(CalendarDay("2027-02-14")!))
            // Published once, with the loaded year (only the accepted PUT wrote an event), keyed by the year.
            let published = try await h.dependencies.pool.query(
                "SELECT payload FROM outbox WHERE event_type = \(CalendarYearPublished.eventType) AND record_key = '2027' ORDER BY seq"
            ).map { try EventJSON.decode(CalendarYearPublished.self, from: try $0.decode("payload", as: Data.self)) }
            #expect(published.count == 1)
            let event = try #require(published.first)
            #expect(event.year == 2027)
            #expect(event.source == "国办发明电〔2026〕X号")
            #expect(event.holidays == ["2027-01-01", "2027-02-06"])
            #expect(event.makeupWorkdays == ["2027-02-14"])
            #expect(abs(event.publishedAt.timeIntervalSinceNow) < 300)
        }
    }

    @Test("a deadline in a year with no calendar is flagged on the item, not guessed, and computed once the year is loaded")
    func missingYear() async throws {
        let h = try await AppealsHarness.make()
        try await h.dependencies.pool.execute("DELETE FROM calendar_years")
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            let detail = try await h.call(client, .get, "/appeals/\(id)", as: h.enterprise)
            #expect((detail["deadlineProblem"] as? String)?.contains("is not loaded") == true)
            #expect((detail["summary"] as? [String: Any])?["dueAt"] == nil)
            let thisYear = CalendarDay(containing: Date(), in: WorkCalendar.chinaTimeZone).year
            for year in [thisYear, thisYear + 1] {
                let body: [String: Any] = ["source": "test", "holidays": ["\(year)-01-01"], "makeupWorkdays": []]
                #expect(try await h.call(client, .put, "/calendar/years/\(year)", as: h.platformAdmin, json: body).status == .ok)
            }
            let fixed = try await h.call(client, .get, "/appeals/\(id)", as: h.enterprise)
            #expect(fixed["deadlineProblem"] == nil)
            #expect((fixed["summary"] as? [String: Any])?["dueAt"] is String)
        }
    }

    @Test("a corrected calendar year is read at once, though unchanged years are served from memory")
    func correctedYear() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let year = CalendarDay(containing: Date(), in: WorkCalendar.chinaTimeZone).year + 3
            func load() async throws -> CalendarYear? {
                try await h.dependencies.pool.withConnection { try await CalendarStore.load(on: $0) }.year(year)
            }
            let first: [String: Any] = ["source": "first", "holidays": ["\(year)-05-01"], "makeupWorkdays": []]
            #expect(try await h.call(client, .put, "/calendar/years/\(year)", as: h.platformAdmin, json: first).status == .ok)
            let loaded = try await load()
            let again = try await load()
            #expect(loaded?.source == "first")
            #expect(again?.holidays.count == 1)
            let corrected: [String: Any] = ["source": "corrected", "holidays": ["\(year)-05-01", "\(year)-05-02"], "makeupWorkdays": []]
            #expect(try await h.call(client, .put, "/calendar/years/\(year)", as: h.platformAdmin, json: corrected).status == .ok)
            let reloaded = try await load()
            #expect(reloaded?.source == "corrected")
            #expect(reloaded?.holidays.count == 2)
        }
    }
}
