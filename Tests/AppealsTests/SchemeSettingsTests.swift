@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing
import WorkCalendar

/// "The sources say 'days' without saying whether they are working days: make it a setting" — and
/// which scheme a category follows where, and whether closure needs approval.
@Suite("Deadline scheme settings")
struct SchemeSettingsTests {
    static let shanghai = WorkCalendar.chinaTimeZone

    @Test("an admin makes Shiyan's reply step 10 calendar days: items signed afterwards are due accordingly, and the change is audited")
    func stepCounting() async throws {
        let h = try await AppealsHarness.make()
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let change: [String: Any] = ["limitDays": 10, "counting": "calendarDays"]
            #expect(try await h.call(client, .put, "/deadline-schemes/shiyan/steps/reply", as: h.dispatcher, json: change).status == .forbidden)
            #expect(try await h.call(client, .put, "/deadline-schemes/shiyan/steps/reply", as: h.platformAdmin, json: ["counting": "fortnights"]).errorField == "counting")
            #expect(try await h.call(client, .put, "/deadline-schemes/shiyan/steps/reply", as: h.platformAdmin, json: ["limitDays": 400]).errorField == "limitDays")
            #expect(try await h.call(client, .put, "/deadline-schemes/shiyan/steps/nothing", as: h.platformAdmin, json: change).status == .notFound)
            #expect(try await h.call(client, .put, "/deadline-schemes/13710/steps/plan", as: h.platformAdmin, json: ["limitDays": 5]).errorField == "limitDays")

            let changed = try await h.call(client, .put, "/deadline-schemes/shiyan/steps/reply", as: h.platformAdmin, json: change)
            #expect(changed.status == .ok)
            let reply = (changed["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "reply" }
            #expect(reply?["limitDays"] as? Int == 10)
            #expect(reply?["counting"] as? String == "calendarDays")

            let id = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            _ = try await h.call(client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            let signed = try await h.call(client, .post, "/complaints/\(id)/sign", as: unit)
            let started = try await h.dependencies.pool.query("SELECT step_started_at FROM cases WHERE id = \(UUID(uuidString: id)!)")[0]
                .decode("step_started_at", as: Date.self)
            let expected = CalendarDay(containing: started, in: Self.shanghai).adding(days: 10).end(in: Self.shanghai)
            #expect(signed.string("dueAt").flatMap(EventTime.parse) == expected)

            let audit = try await h.call(client, .get, "/admin/audit?subjectKind=deadlineStep", as: h.inspector)
            #expect(audit["total"] as? Int == 1)
            #expect(audit.items.first?["subjectID"] as? String == "shiyan/reply")
            #expect((audit.items.first?["before"] as? [String: Any])?["counting"] as? String == "workingDays")
            #expect((audit.items.first?["after"] as? [String: Any])?["limitDays"] as? Int == 10)
        }
    }

    @Test("an admin puts a category on 13710 in one city and turns on closure approval; new items follow, old ones keep their scheme")
    func assignmentAndClosureApproval() async throws {
        let h = try await AppealsHarness.make()
        let unit = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let before = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            #expect(try await h.call(client, .put, "/scheme-assignments/illegalIntervention/42", as: h.platformAdmin, json: ["scheme": "13710"]).errorField == "city")
            #expect(try await h.call(client, .put, "/scheme-assignments/illegalIntervention/4203", as: h.platformAdmin, json: ["scheme": "nope"]).errorField == "scheme")
            #expect(try await h.call(client, .put, "/scheme-assignments/nothing/4203", as: h.platformAdmin, json: ["scheme": "13710"]).status == .notFound)
            #expect(try await h.call(client, .put, "/scheme-assignments/illegalIntervention/4203", as: h.platformAdmin, json: ["scheme": "13710"]).status == .ok)
            let listed = try await h.call(client, .get, "/scheme-assignments?size=100", as: nil)
            #expect(listed.items.contains { $0["category"] as? String == "illegalIntervention" && $0["city"] as? String == "4203" && $0["scheme"] as? String == "13710" })

            let after = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint()).string("id"))
            let schemes = try await h.dependencies.pool.query(
                "SELECT id, scheme_code FROM cases WHERE id IN (\(UUID(uuidString: before)!), \(UUID(uuidString: after)!))")
            let byID = Dictionary(uniqueKeysWithValues: try schemes.map { (try $0.decode("id", as: UUID.self).uuidString, try $0.decode("scheme_code", as: String.self)) })
            #expect(byID[before] == "shiyan")
            #expect(byID[after] == "13710")

            // Shiyan's items now wait for closure approval too.
            #expect(try await h.call(client, .put, "/deadline-schemes/shiyan", as: h.platformAdmin, json: ["dueSoonFraction": 1.5]).errorField == "dueSoonFraction")
            let scheme = try await h.call(client, .put, "/deadline-schemes/shiyan", as: h.platformAdmin, json: ["closureApproval": true])
            #expect(scheme["closureApproval"] as? Bool == true)
            _ = try await h.call(client, .post, "/complaints/\(before)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            _ = try await h.call(client, .post, "/complaints/\(before)/sign", as: unit)
            _ = try await h.call(client, .post, "/complaints/\(before)/reply", as: unit, json: ["handlerName": "刘明", "phone": "13900001111", "content": "已处理"])
            let rated = try await h.call(client, .post, "/complaints/\(before)/rating", as: h.enterprise, json: ["solved": true, "satisfied": true])
            #expect(rated.string("status") == "awaitingClosure")

            let audit = try await h.call(client, .get, "/admin/audit?size=100", as: h.platformAdmin)
            #expect(Set(audit.items.compactMap { $0["subjectKind"] as? String }) == ["schemeAssignment", "deadlineScheme"])
        }
    }
}
