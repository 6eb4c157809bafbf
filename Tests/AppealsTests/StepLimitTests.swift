@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing
import WorkCalendar

/// Issue 10 item 2: texts state the real limit. The submitted, dispatched and replied events have a
/// version carrying the item's step limits in words; the dispatch sheet names steps and categories in
/// Chinese and says how each limit counts.
@Suite("Step limits in events and on the dispatch sheet")
struct StepLimitTests {
    let reply = ["handlerName": "刘明", "phone": "13900001111", "content": "已协调完成"]

    /// Submits, reviews, dispatches to unit A and signs an appeal; returns its id.
    func signedAppeal(_ h: AppealsHarness, _ client: some TestClientProtocol, region: String) async throws -> String {
        let form = Forms.appeal(title: "用电报装迟迟未接入", category: "policyNotImplemented", region: region)
        let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: form).string("id"))
        _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
        _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
        #expect(try await h.call(client, .post, "/appeals/\(id)/sign", as: h.unitAdmin(h.unitA)).status == .ok)
        return id
    }

    func limits(_ h: AppealsHarness, _ id: String, _ type: String) async throws -> [String: Any] {
        let payload = try #require(try await h.eventPayloads(for: UUID(uuidString: id)!, type: type).first)
        return try #require(payload["limits"] as? [String: Any])
    }

    func text(_ limits: [String: Any], _ step: String) -> String? {
        (limits[step] as? [String: Any])?["text"] as? String
    }

    @Test("under 13710 the events say 当日 for review and signing and 5日 for rating; under Shiyan's scheme 1个工作日 and 5个工作日")
    func limitsInEvents() async throws {
        for (region, scheme, sameDay, rate) in [("410402", "13710", "当日", "5日"), ("420302", "shiyan", "1个工作日", "5个工作日")] {
            let h = try await AppealsHarness.make(region: region)
            try await h.application().test(.router) { client in
                let id = try await signedAppeal(h, client, region: region)
                if scheme == "13710" {
                    _ = try await h.call(
                        client, .post, "/appeals/\(id)/progress", as: h.unitAdmin(h.unitA), json: ["content": "已召开协调会", "checkpoint": "progress"])
                }
                #expect(try await h.call(client, .post, "/appeals/\(id)/reply", as: h.unitAdmin(h.unitA), json: reply).status == .ok)
                let submitted = try await limits(h, id, AppealSubmittedV2.eventType)
                #expect(submitted["scheme"] as? String == scheme)
                #expect(text(submitted, "review") == sameDay)
                let dispatched = try await limits(h, id, AppealDispatchedV2.eventType)
                #expect(text(dispatched, "sign") == sameDay)
                #expect((dispatched["sign"] as? [String: Any])?["counting"] as? String == (scheme == "13710" ? "calendarDays" : "workingDays"))
                let replied = try await limits(h, id, AppealRepliedV2.eventType)
                #expect(text(replied, "rate") == rate)
                // The v1 events are still written, once each.
                #expect(try await h.eventPayloads(for: UUID(uuidString: id)!, type: AppealReplied.eventType).count == 1)
            }
        }
    }

    @Test("the dispatch sheet of a 13710 major matter shows 一个月, the category's and steps' Chinese names and each limit's counting")
    func dispatchSheet() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        try await h.application().test(.router) { client in
            let next = CalendarDay(containing: Date(), in: WorkCalendar.chinaTimeZone).year + 1
            let year: [String: Any] = ["source": "test", "holidays": ["\(next)-01-01"], "makeupWorkdays": []]
            #expect(try await h.call(client, .put, "/calendar/years/\(next)", as: h.platformAdmin, json: year).status == .ok)
            let id = try await signedAppeal(h, client, region: "410402")
            let unit = h.unitAdmin(h.unitA)
            _ = try await h.call(client, .post, "/appeals/\(id)/progress", as: unit, json: ["content": "已召开协调会", "checkpoint": "progress"])
            #expect(try await h.call(client, .post, "/appeals/\(id)/major", as: unit, json: ["reason": "涉及多个部门"]).status == .ok)
            let sheet = try await h.call(client, .get, "/appeals/\(id)/dispatch-sheet", as: unit)
            #expect(sheet.status == .ok)
            #expect(sheet.text.contains("答复（重大复杂事项）：一个月（按自然月计）"))
            #expect(sheet.text.contains("签收：当日（按自然日计）"))
            #expect(sheet.text.contains("评价：5日（按自然日计）"))
            #expect(!sheet.text.contains("1 天"))
            #expect(!sheet.text.contains("<li>答复："), "the ordinary reply limit does not apply to a major matter")
            #expect(sheet.text.contains("各级政府或相关部门已出台政策"))
            #expect(!sheet.text.contains("policyNotImplemented"))
            #expect(sheet.text.contains("<th>当前环节</th><td>答复（重大复杂事项）</td>"))
        }
        let shiyan = try await AppealsHarness.make()
        try await shiyan.application().test(.router) { client in
            let id = try await signedAppeal(shiyan, client, region: "420302")
            let sheet = try await shiyan.call(client, .get, "/appeals/\(id)/dispatch-sheet", as: shiyan.unitAdmin(shiyan.unitA))
            #expect(sheet.text.contains("答复：15个工作日（按工作日计）"))
        }
    }
}
