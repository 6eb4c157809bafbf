@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Postgres
import ServiceKit
import Testing

@Suite("好差评 of 政策兑现 applications: five levels once per concluded application, the rating window, and the follow-up a dissatisfied rating opens")
struct ApplicationRatingTests {
    typealias Applications = RedemptionApplicationTests

    /// An application of `applicant` to a fresh item of `h.unit`, received (not yet concluded).
    func applied(_ h: PolicyHarness, _ client: some TestClientProtocol, as applicant: AccessClaims) async throws -> String {
        let itemID = try await Applications().item(h, client)
        let materials = try await Applications().materials(h, client, as: applicant)
        let applied = try await h.call(client, .post, "/redemption-items/\(itemID)/applications", as: applicant, json: ["materials": materials])
        return try #require(applied.string("id"), "\(applied.text)")
    }

    /// The unit accepts and concludes the application over HTTP.
    func conclude(_ h: PolicyHarness, _ client: some TestClientProtocol, _ id: String, _ decision: [String: Any]) async throws {
        let officer = h.reviewer(h.unit)
        #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: officer).status == .ok)
        let concluded = try await h.call(client, .post, "/redemption-applications/\(id)/conclude", as: officer, json: decision)
        #expect(concluded.status == .ok, "\(concluded.text)")
    }

    /// An application submitted on Tuesday 10 Feb 2026, 10:00 Beijing time, accepted an hour later and
    /// concluded two hours later (`ApplicationWorkflow` with `at:`), to time ratings across the Spring Festival.
    func concludedInFebruary(
        _ h: PolicyHarness, _ client: some TestClientProtocol, as applicant: AccessClaims,
        _ conclusion: (decision: ApplicationInput.Conclusion.Decision, amount: String?, note: String?)
    ) async throws -> (id: UUID, tuesday: Date) {
        let sinceNewYear = Int(Date().timeIntervalSince(try Date("2026-01-01T00:00:00+08:00", strategy: .iso8601)) / 86_400) + 1
        let itemID = try await Applications().item(h, client, from: -sinceNewYear, days: 5)
        let entries = try await Applications().materials(h, client, as: applicant)
            .map { (name: $0["name"] as! String, fileID: UUID(uuidString: $0["fileID"] as! String)!) }
        let workflow = ApplicationWorkflow(dependencies: h.dependencies)
        let tuesday = try Date("2026-02-10T10:00:00+08:00", strategy: .iso8601)
        let submitted = try await workflow.submit(to: UUID(uuidString: itemID)!, materials: entries, by: applicant, at: tuesday)
        _ = try await workflow.accept(submitted.id, by: h.reviewer(h.unit), at: tuesday.addingTimeInterval(3600))
        _ = try await workflow.conclude(submitted.id, conclusion, by: h.reviewer(h.unit), at: tuesday.addingTimeInterval(2 * 3600))
        return (submitted.id, tuesday)
    }

    func audit(_ h: PolicyHarness, _ id: String) async throws -> [(action: String, detail: String)] {
        try await h.dependencies.pool.query(
            "SELECT action, detail::text AS detail FROM audit_trail WHERE subject_kind = 'redemptionApplication' AND subject_id = \(id.lowercased()) ORDER BY seq"
        ).map { (try $0.decode("action", as: String.self), try $0.decode("detail", as: String.self)) }
    }

    @Test("the applicant rates a concluded application once, with an optional comment; 满意 opens no follow-up; the event says whether there is a comment, never what it says; others of the enterprise 409, strangers 404")
    func rateOnce() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let member = h.member()
            let colleague = h.member()
            let officer = h.reviewer(h.unit)
            let id = try await applied(h, client, as: member)
            let path = "/redemption-applications/\(id)/rating"
            let comment = "办理很快，经办人电话13912340021"

            let early = try await h.call(client, .post, path, as: member, json: ["level": "satisfied"])
            #expect(early.status == .conflict, "only a concluded application is rated: \(early.text)")
            #expect(try await h.call(client, .get, path, as: member).status == .notFound)
            try await conclude(h, client, id, ["decision": "approved", "grantedAmount": "300000.00"])

            #expect(try await h.call(client, .post, path, as: member, json: [String: Any]()).errorField == "level")
            #expect(try await h.call(client, .post, path, as: member, json: ["level": "满意"]).errorField == "level")
            #expect(try await h.call(client, .post, path, as: member, json: ["level": "good"]).status == .badRequest)
            let long = try await h.call(client, .post, path, as: member, json: ["level": "satisfied", "comment": String(repeating: "好", count: 501)])
            #expect(long.errorField == "comment")
            #expect(try await h.call(client, .post, path, as: nil, json: ["level": "satisfied"]).status == .unauthorized)
            #expect(try await h.call(client, .post, path, as: officer, json: ["level": "satisfied"]).status == .forbidden)
            #expect(try await h.call(client, .post, path, as: h.member(UUID()), json: ["level": "satisfied"]).status == .notFound)

            let rated = try await h.call(client, .post, path, as: member, json: ["level": "satisfied", "comment": comment])
            #expect(rated.status == .created, "\(rated.text)")
            #expect(rated.string("level") == "satisfied")
            #expect(rated.string("levelName") == "满意")
            #expect(rated.string("comment") == comment)
            #expect(rated["followUp"] == nil)

            #expect(try await h.call(client, .post, path, as: member, json: ["level": "verySatisfied"]).status == .conflict)
            #expect(try await h.call(client, .post, path, as: colleague, json: ["level": "veryDissatisfied"]).status == .conflict, "rated already")
            #expect(try await h.call(client, .post, path, as: h.member(UUID()), json: ["level": "veryDissatisfied"]).status == .notFound)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/follow-up", as: officer, json: ["answer": "已整改"]).status == .conflict)

            #expect(try await h.call(client, .get, path, as: colleague).string("comment") == comment)
            #expect(try await h.call(client, .get, path, as: officer).string("level") == "satisfied")
            #expect(try await h.call(client, .get, path, as: h.reviewer(h.otherUnit)).status == .notFound)
            #expect(try await h.call(client, .get, path, as: nil).status == .unauthorized)
            let shown = try await h.call(client, .get, "/redemption-applications/\(id)", as: member)
            #expect(shown.string("status") == "approved")
            #expect(Applications().stages(shown) == ["submitted", "accepted", "concluded", "rated"])

            let events = try await h.events(RedemptionApplicationRated.eventType)
            #expect(events.count == 1)
            #expect(events.first?["level"] as? String == "satisfied")
            #expect(events.first?["hasComment"] as? Bool == true)
            #expect(events.first?["comment"] == nil)
            #expect(try await h.events(RedemptionFollowUpOpened.eventType).isEmpty)
            let payloads = try await h.dependencies.pool.query("SELECT payload FROM outbox")
                .map { String(decoding: try $0.decode("payload", as: Data.self), as: UTF8.self) }
            #expect(!payloads.contains { $0.contains("13912340021") }, "the comment stays in the policy service")
            let audit = try await audit(h, id)
            #expect(audit.map(\.action).last == "redemptionApplication.rated")
            #expect(!audit.contains { $0.detail.contains("13912340021") })
        }
    }

    @Test("非常不满意 opens a follow-up due 5 working days later on the official calendar, across the Spring Festival; the unit answers it once, on time; each evented once")
    func followUp() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let member = h.member()
            let officer = h.reviewer(h.unit)
            let (id, tuesday) = try await concludedInFebruary(h, client, as: member, (.rejected, nil, "研发投入未达到申报条件"))
            let workflow = ApplicationRatingWorkflow(dependencies: h.dependencies)

            let rated = try await workflow.rate(id, level: .veryDissatisfied, comment: "退回理由不清楚", by: member, at: tuesday.addingTimeInterval(3 * 3600))
            // 11, 12, 13 Feb, 14 Feb (a make-up working Saturday), then 15–23 Feb off, 24 Feb the fifth.
            #expect(rated.followUpOpened)
            #expect(rated.followUpDueAt == (try Date("2026-02-25T00:00:00+08:00", strategy: .iso8601)))
            let opened = try await h.events(RedemptionFollowUpOpened.eventType)
            #expect(opened.count == 1)
            #expect(opened.first?["level"] as? String == "veryDissatisfied")
            #expect(opened.first?["dueAt"] as? String == "2026-02-24T16:00:00.000Z")

            let open = try await h.call(client, .get, "/redemption-applications/\(id)/rating", as: officer)
            #expect(open.string("levelName") == "非常不满意")
            let pending = try #require(open["followUp"] as? [String: Any], "\(open.text)")
            #expect(pending["answer"] == nil)
            #expect(pending["overdue"] as? Bool == true, "today is past 25 Feb 2026")

            let answer = "已向企业说明退回理由并电话回访，修订了退回告知书模板"
            let answered = try await workflow.answer(id, answer, by: officer, at: try Date("2026-02-24T17:00:00+08:00", strategy: .iso8601))
            #expect(answered.answeredOnTime == true)
            let twice = await #expect(throws: APIError.self) { try await workflow.answer(id, "再次回复", by: h.editor(h.unit)) }
            #expect(twice?.status == .conflict)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/follow-up", as: officer, json: ["answer": "再次回复"]).status == .conflict)

            let answeredEvents = try await h.events(RedemptionFollowUpAnswered.eventType)
            #expect(answeredEvents.count == 1)
            #expect(answeredEvents.first?["onTime"] as? Bool == true)
            #expect(answeredEvents.first?["answeredBy"] as? String == officer.accountID.uuidString)
            #expect(answeredEvents.first?["dueAt"] as? String == "2026-02-24T16:00:00.000Z")
            #expect(try await h.events(RedemptionFollowUpOpened.eventType).count == 1)
            #expect(try await h.events(RedemptionApplicationRated.eventType).count == 1)

            let shown = try await h.call(client, .get, "/redemption-applications/\(id)/rating", as: member)
            let done = try #require(shown["followUp"] as? [String: Any], "\(shown.text)")
            #expect(done["answer"] as? String == answer)
            #expect(done["onTime"] as? Bool == true)
            #expect(done["overdue"] as? Bool == false)
            let detail = try await h.call(client, .get, "/redemption-applications/\(id)", as: member)
            #expect(Applications().stages(detail) == ["submitted", "accepted", "concluded", "rated", "followUpAnswered"])
            #expect(try await audit(h, id.uuidString).map(\.action).suffix(2) == ["redemptionApplication.rated", "redemptionApplication.followUpAnswered"])
        }
    }

    @Test("a rating is taken up to the end of the 15th calendar day after the conclusion (Beijing dates); later it is a 409 naming window and the last day")
    func window() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let member = h.member()
            let (id, _) = try await concludedInFebruary(h, client, as: member, (.approved, "1000.00", nil))
            let workflow = ApplicationRatingWorkflow(dependencies: h.dependencies)

            // Concluded on 10 Feb: the last day is 25 Feb.
            let late = try await h.call(client, .post, "/redemption-applications/\(id)/rating", as: member, json: ["level": "satisfied"])
            #expect(late.status == .conflict)
            #expect(late.errorField == "window")
            #expect(late.errorCode == "window_closed")
            #expect(late.text.contains("2026-02-25"), "\(late.text)")
            let dayAfter = try Date("2026-02-26T00:00:00+08:00", strategy: .iso8601)
            let closed = await #expect(throws: APIError.self) { try await workflow.rate(id, level: .satisfied, comment: nil, by: member, at: dayAfter) }
            #expect(closed?.field == "window")

            let rated = try await workflow.rate(id, level: .basicallySatisfied, comment: nil, by: member, at: dayAfter.addingTimeInterval(-60))
            #expect(!rated.followUpOpened)
            #expect(rated.followUpDueAt == nil)
            #expect(try await h.events(RedemptionApplicationRated.eventType).first?["hasComment"] as? Bool == false)
            #expect(try await h.events(RedemptionFollowUpOpened.eventType).isEmpty)
        }
    }

    @Test("who may answer a follow-up: guests 401; the applicant's side and inspectors 403; other units 404; the answer is required and at most 2000 characters; the unit's editor answers once")
    func followUpAccess() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let member = h.member()
            let id = try await applied(h, client, as: member)
            try await conclude(h, client, id, ["decision": "rejected", "note": "不符合申报条件"])
            let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
            let liaison = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["liaison"], unitID: h.unit)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/rating", as: inspector, json: ["level": "dissatisfied"]).status == .forbidden)

            let rated = try await h.call(client, .post, "/redemption-applications/\(id)/rating", as: member, json: ["level": "dissatisfied"])
            #expect(rated.status == .created, "\(rated.text)")
            #expect(rated["comment"] == nil)
            let opened = try #require(rated["followUp"] as? [String: Any], "\(rated.text)")
            #expect(opened["answer"] == nil)

            let path = "/redemption-applications/\(id)/follow-up"
            #expect(try await h.call(client, .post, path, as: nil, json: ["answer": "已整改"]).status == .unauthorized)
            #expect(try await h.call(client, .post, path, as: member, json: ["answer": "已整改"]).status == .forbidden)
            #expect(try await h.call(client, .post, path, as: liaison, json: ["answer": "已整改"]).status == .forbidden)
            #expect(try await h.call(client, .post, path, as: inspector, json: ["answer": "已整改"]).status == .forbidden)
            #expect(try await h.call(client, .post, path, as: h.editor(h.otherUnit), json: ["answer": "已整改"]).status == .notFound)
            let editor = h.editor(h.unit)
            #expect(try await h.call(client, .post, path, as: editor, json: [String: Any]()).errorField == "answer")
            #expect(try await h.call(client, .post, path, as: editor, json: ["answer": "  "]).errorField == "answer")
            #expect(try await h.call(client, .post, path, as: editor, json: ["answer": String(repeating: "改", count: 2001)]).errorField == "answer")

            let answered = try await h.call(client, .post, path, as: editor, json: ["answer": "已电话回访企业，说明不予兑现的依据"])
            #expect(answered.status == .ok, "\(answered.text)")
            let followUp = try #require(answered["followUp"] as? [String: Any])
            #expect(followUp["answer"] as? String == "已电话回访企业，说明不予兑现的依据")
            #expect(followUp["answeredBy"] as? String == editor.accountID.uuidString)
            #expect(followUp["onTime"] as? Bool == true)
            #expect(try await h.call(client, .post, path, as: editor, json: ["answer": "再次回复"]).status == .conflict)
            #expect(try await h.call(client, .get, "/redemption-applications/\(id)/rating", as: inspector).status == .ok)
            #expect(try await h.events(RedemptionFollowUpOpened.eventType).first?["level"] as? String == "dissatisfied")
            #expect(try await h.events(RedemptionFollowUpAnswered.eventType).count == 1)
        }
    }
}
