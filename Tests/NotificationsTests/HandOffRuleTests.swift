import Contracts
import Foundation
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import Testing

/// Issue 10, items 3 and 4: complaints have no liaison review, and nobody is left out at a hand-off.
@Suite("Hand-off rules")
struct HandOffRuleTests {
    typealias Rules = AppealsRuleTests

    func inboxRecipients(_ fixture: NotificationsFixture, _ envelope: EventEnvelope) async throws -> Set<UUID> {
        Set(try await fixture.pool.query(
            "SELECT recipient_id FROM inbox_messages WHERE event_id = \(envelope.id) AND recipient_kind = 'account'"
        ).map { try $0.decode("recipient_id", as: UUID.self) })
    }

    @Test("a new complaint tells the dispatchers it waits for dispatching, and never asks the liaison to review it")
    func newComplaint() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let submitted = try Rules.envelope("submitted", cast: cast, status: "dispatching", unit: false, kind: "complaint")
        try await fixture.deliver(submitted)
        let sms = try await Rules.sms(fixture, submitted)
        #expect(Array(sms.keys) == [cast.dispatcherID])
        #expect(sms.values.allSatisfy { !$0.text.contains("请您审核") })
        #expect(try await inboxRecipients(fixture, submitted) == [cast.dispatcherID])
        #expect(try await fixture.strings("SELECT body FROM inbox_messages WHERE event_id = \(submitted.id)")
            == ["平台有一条平顶山市天瑞煤焦化有限公司提交的投诉待分办（编号TS202611000007），请登录平台“投诉管理—待分办投诉”分办至承办单位。"])

        // What the dispatcher and the liaison see in their inboxes.
        let dispatcher = try await fixture.bearer(AccessClaims(accountID: cast.dispatcherID, accountKind: .official, roles: ["dispatcher"], unitID: cast.unitID))
        let liaison = try await fixture.bearer(AccessClaims(accountID: cast.liaisonID, accountKind: .official, roles: ["liaison"], unitID: cast.unitID))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/inbox/messages", method: .get, headers: dispatcher) { response in
                #expect(String(buffer: response.body).contains("新投诉待分办"))
            }
            try await client.execute(uri: "/inbox/messages", method: .get, headers: liaison) { response in
                #expect(!String(buffer: response.body).contains("投诉"))
            }
        }
    }

    @Test("an appeal reaches the dispatchers when its liaison passes it on, or at once when the enterprise has no liaison")
    func appealsReachDispatching() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let reviewing = try Rules.envelope("submitted", cast: cast, status: "reviewing", unit: false)
        try await fixture.deliver(reviewing)
        #expect(Array(try await Rules.sms(fixture, reviewing).keys) == [cast.liaisonID])

        let reviewed = try Rules.envelope("reviewed", cast: cast, status: "dispatching", unit: false, extra: ["textCorrected": false])
        try await fixture.deliver(reviewed)
        #expect(Array(try await Rules.sms(fixture, reviewed).keys) == [cast.dispatcherID])
        #expect(try await inboxRecipients(fixture, reviewed) == [cast.dispatcherID])

        let noLiaison = try Rules.envelope("submitted", cast: cast, status: "dispatching", unit: false)
        try await fixture.deliver(noLiaison)
        let sms = try await Rules.sms(fixture, noLiaison)
        #expect(Array(sms.keys) == [cast.dispatcherID])
        #expect(sms[cast.dispatcherID]?.text.contains("诉求待分办（编号SQ202611000123）") == true)

        let resubmitted = try Rules.envelope("resubmitted", cast: cast, status: "dispatching", unit: false, kind: "complaint")
        try await fixture.deliver(resubmitted)
        #expect(Array(try await Rules.sms(fixture, resubmitted).keys) == [cast.dispatcherID])
    }

    @Test("a rating that reopens an item tells its lead unit's admins; a closed item's result reaches the liaison by SMS")
    func reopenedAndClosed() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let reopened = try Rules.envelope("reopened", cast: cast, status: "inProgress")
        try await fixture.deliver(reopened)
        let toUnit = try await Rules.sms(fixture, reopened)
        #expect(Array(toUnit.keys) == [cast.unitAdminID])
        #expect(toUnit[cast.unitAdminID]?.text.contains("诉求SQ202611000123（平顶山市天瑞煤焦化有限公司）的办理结果企业评价为未解决、不满意，已退回贵单位重新办理") == true)

        let closed = try Rules.envelope("closed", cast: cast, status: "closed", dueAt: nil, kind: "complaint", extra: ["unrated": false])
        try await fixture.deliver(closed)
        let sms = try await Rules.sms(fixture, closed)
        #expect(sms[cast.liaisonID]?.text == "【平顶山亲清平台】您包联的平顶山市天瑞煤焦化有限公司的投诉TS202611000007已办结，办结结果请登录平台查看。")
        #expect(Set(sms.keys).isSuperset(of: [cast.liaisonID, cast.adminID]))
    }

    @Test("the member who submitted an item gets the reply and the result by SMS, not only the enterprise's admins")
    func submitterIsTold() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let submitted = try Rules.envelope(
            "submitted", cast: cast, status: "reviewing", unit: false,
            extra: ["transition": ["actorID": cast.memberID.uuidString.lowercased(), "actorRole": "enterprise", "toStatus": "reviewing",
                                   "at": "2026-11-20T01:00:00.000Z"]])
        try await fixture.deliver(submitted)
        var replied = try Rules.envelope("replied", cast: cast, status: "replied", extra: ["handlerName": "李娜", "content": "已安排清淤"])
        replied.subject = submitted.subject
        let payload = try JSONSerialization.jsonObject(with: replied.data) as? [String: Any] ?? [:]
        var item = payload["item"] as? [String: Any] ?? [:]
        item["id"] = submitted.subject
        var changed = payload
        changed["item"] = item
        replied.data = try JSONSerialization.data(withJSONObject: changed)
        try await fixture.deliver(replied)
        let sms = try await Rules.sms(fixture, replied)
        #expect(Set(sms.keys) == [cast.adminID, cast.otherAdminID, cast.memberID])
        #expect(sms[cast.memberID]?.text.contains("您的诉求SQ202611000123已由平顶山市发展和改革委员会答复") == true)
    }
}

/// Issue 10, item 6: the `dispatchers` of an item are those whose scope covers it.
@Suite("Scoped dispatcher messages")
struct ScopedDispatcherTests {
    @Test("a new complaint reaches the city's dispatchers and the industry group of its enterprise, not another city, county or group")
    func scoped() async throws {
        let (fixture, cast) = try await AppealsRuleTests.prepared()
        defer { Task { await fixture.shutdown() } }
        let manufacturing = try #require(UUID(uuidString: "00000000-0000-4000-8000-000000000301"))
        let construction = try #require(UUID(uuidString: "00000000-0000-4000-8000-000000000302"))
        let shiyan = UUID()
        let county = UUID()
        let units: [(UUID, UnitProfile.Kind, String)] = [
            (manufacturing, .industryGroup, "410400"), (construction, .industryGroup, "410400"), (shiyan, .city, "420300"),
            (county, .county, "410421"),
        ]
        var dispatchers: [UUID: UUID] = [:]
        for (unit, kind, region) in units {
            try await fixture.deliver(UnitCreated(unit: UnitProfile(unitID: unit, name: "分办单位", kind: kind, parentID: nil, region: region)))
            let official = UUID()
            dispatchers[unit] = official
            try await fixture.deliver(
                OfficialCreated(
                    official: OfficialProfile(officialID: official, name: "分办员", unitID: unit, region: region, roles: [.dispatcher], active: true),
                    createdAt: Date()))
        }
        let submitted = try AppealsRuleTests.envelope("submitted", cast: cast, status: "dispatching", unit: false, kind: "complaint")
        try await fixture.deliver(submitted)
        #expect(Set(try await AppealsRuleTests.sms(fixture, submitted).keys) == [cast.dispatcherID, dispatchers[manufacturing]!])

        let dueSoon = try AppealsRuleTests.envelope("due-soon", cast: cast, status: "dispatching", unit: false)
        try await fixture.deliver(dueSoon)
        #expect(Set(try await AppealsRuleTests.sms(fixture, dueSoon).keys) == [cast.dispatcherID, dispatchers[manufacturing]!])
    }
}
