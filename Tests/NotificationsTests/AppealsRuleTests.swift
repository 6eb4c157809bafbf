import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

/// The appeals rules, fed envelopes built from the appeals contracts' type strings and JSON shape
/// (`item` = the case facts, `transition`), without their Swift types.
@Suite("Appeals rules")
struct AppealsRuleTests {
    static func envelope(_ verb: String, cast: Cast, status: String, dueAt: String? = "2026-11-24T09:00:00.000Z",
                         unit: Bool = true, kind: String = "appeal", limits: [String: Any]? = nil,
                       extra: [String: Any] = [:]) throws -> EventEnvelope {
        let appealID = UUID().uuidString.lowercased()
        var item: [String: Any] = [
            "id": appealID, "kind": kind, "serialNumber": kind == "appeal" ? "SQ202611000123" : "TS202611000007", "title": "厂区道路积水影响运输",
            "enterpriseID": cast.enterpriseID.uuidString.lowercased(), "enterpriseName": cast.enterpriseName,
            "region": "410402", "category": "infrastructure", "status": status,
            "liaisonOfficialID": cast.liaisonID.uuidString.lowercased(), "submittedAt": "2026-11-20T01:00:00.000Z",
        ]
        if unit {
            item["unitID"] = cast.unitID.uuidString.lowercased()
            item["unitName"] = "平顶山市发展和改革委员会"
        }
        if let dueAt { item["dueAt"] = dueAt }
        var payload: [String: Any] = [
            "item": item,
            "transition": ["actorRole": "system", "toStatus": status, "at": "2026-11-21T01:00:00.000Z"],
        ]
        // With limits: the version-2 event (submitted, dispatched, replied) that carries the step limits.
        if let limits { payload["limits"] = limits }
        payload.merge(extra) { $1 }
        return try NotificationsFixture.envelope(
            type: "qinqing.appeals.\(kind).\(verb).v\(limits == nil ? 1 : 2)", topic: .appeals, source: .appeals, subject: appealID,
            payload: payload)
    }

    static func limits(scheme: String, review: String, sign: String, reply: String, rate: String) -> [String: Any] {
        func limit(_ text: String) -> [String: Any] {
            let counting = text.hasSuffix("个工作日") ? "workingDays" : text.hasSuffix("个月") ? "calendarMonths" : "calendarDays"
            let amount = Int(text.prefix { $0.isNumber }) ?? (text == "一个月" ? 1 : 0)
            return ["amount": amount, "counting": counting, "text": text]
        }
        return ["scheme": scheme, "review": limit(review), "dispatch": limit(review), "sign": limit(sign), "reply": limit(reply), "rate": limit(rate)]
    }

    /// Shiyan's scheme, whose limits the texts used to state whatever the item's scheme.
    static var shiyanLimits: [String: Any] {
        limits(scheme: "shiyan", review: "1个工作日", sign: "1个工作日", reply: "15个工作日", rate: "5个工作日")
    }
    static var limits13710: [String: Any] { limits(scheme: "13710", review: "当日", sign: "当日", reply: "7日", rate: "5日") }

    static func sms(_ fixture: NotificationsFixture, _ envelope: EventEnvelope) async throws -> [UUID: (text: String, status: String)] {
        let rows = try await fixture.pool.query("SELECT account_id, text, status FROM sms_messages WHERE event_id = \(envelope.id)")
        var result: [UUID: (String, String)] = [:]
        for row in rows {
            result[try row.decode("account_id", as: UUID.self)] = (try row.decode("text"), try row.decode("status"))
        }
        return result
    }

    static func prepared() async throws -> (NotificationsFixture, Cast) {
        let fixture = try await NotificationsFixture()
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        let cast = Cast()
        try await cast.project(into: fixture)
        return (fixture, cast)
    }

    @Test("a new appeal texts its enterprise's liaison official; a dispatched one texts the unit's admins")
    func submittedAndDispatched() async throws {
        let (fixture, cast) = try await Self.prepared()
        defer { Task { await fixture.shutdown() } }
        let submitted = try Self.envelope("submitted", cast: cast, status: "reviewing", unit: false, limits: Self.shiyanLimits)
        try await fixture.deliver(submitted)
        let toLiaison = try await Self.sms(fixture, submitted)
        #expect(Array(toLiaison.keys) == [cast.liaisonID])
        #expect(toLiaison[cast.liaisonID]?.text
            == "【平顶山亲清平台】平台有一条平顶山市天瑞煤焦化有限公司提交的新诉求请您审核（编号SQ202611000123），请在1个工作日内登录平台“诉求管理—待审核诉求”完成审核。")
        #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(submitted.id) AND recipient_id = \(cast.liaisonID)") == 1)

        let dispatched = try Self.envelope("dispatched", cast: cast, status: "signing", limits: Self.shiyanLimits, extra: ["reason": "职责范围"])
        try await fixture.deliver(dispatched)
        let toUnit = try await Self.sms(fixture, dispatched)
        #expect(Array(toUnit.keys) == [cast.unitAdminID])
        #expect(toUnit[cast.unitAdminID]?.text.contains("平台有一条新企业诉求待签收（编号SQ202611000123）") == true)
    }

    @Test("due soon goes to whoever holds the step; overdue is urgent and also reaches the unit's admins and the inspectors")
    func dueSoonAndOverdue() async throws {
        let (fixture, cast) = try await Self.prepared()
        defer { Task { await fixture.shutdown() } }
        let reviewing = try Self.envelope("due-soon", cast: cast, status: "reviewing", unit: false)
        try await fixture.deliver(reviewing)
        #expect(Array(try await Self.sms(fixture, reviewing).keys) == [cast.liaisonID])
        let dispatching = try Self.envelope("due-soon", cast: cast, status: "dispatching", unit: false)
        try await fixture.deliver(dispatching)
        #expect(Array(try await Self.sms(fixture, dispatching).keys) == [cast.dispatcherID])
        let signing = try Self.envelope("due-soon", cast: cast, status: "signing")
        try await fixture.deliver(signing)
        let toUnit = try await Self.sms(fixture, signing)
        #expect(Array(toUnit.keys) == [cast.unitAdminID])
        #expect(toUnit[cast.unitAdminID]?.text.contains("当前环节将于2026-11-24 17:00到期") == true)

        // Quiet hours all day: overdue alerts still go at once.
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "23:59")
        let overdue = try Self.envelope("overdue", cast: cast, status: "inProgress")
        try await fixture.deliver(overdue)
        let alerts = try await Self.sms(fixture, overdue)
        #expect(Set(alerts.keys) == [cast.unitAdminID, cast.inspectorID])
        #expect(alerts.values.allSatisfy { $0.status == "pending" && $0.text.contains("已于2026-11-24 17:00超期") })
        // (Another due time, so the text differs from the earlier one and is not merged into it.)
        let notUrgent = try Self.envelope("due-soon", cast: cast, status: "inProgress", dueAt: "2026-11-25T09:00:00.000Z")
        try await fixture.deliver(notUrgent)
        #expect(try await Self.sms(fixture, notUrgent).values.map(\.status) == ["deferred"])

        // The rating step is the enterprise's: its admins are reminded, in-site too.
        try await fixture.setting("quiet_end", "00:00")
        let rating = try Self.envelope("due-soon", cast: cast, status: "replied", dueAt: "2026-11-28T09:00:00.000Z")
        try await fixture.deliver(rating)
        let toEnterprise = try await Self.sms(fixture, rating)
        #expect(Set(toEnterprise.keys) == [cast.adminID, cast.otherAdminID])
        #expect(toEnterprise.values.allSatisfy { $0.text.contains("您的诉求SQ202611000123有待您办理的事项将于2026-11-28 17:00到期") })
        #expect(try await fixture.count(
            "SELECT count(*) FROM inbox_messages WHERE event_id = \(rating.id) AND recipient_kind = 'enterprise'") == 1)
    }

    @Test("a reply reaches the enterprise in-site and its admins by SMS, asking for a rating, once however often redelivered")
    func replied() async throws {
        let (fixture, cast) = try await Self.prepared()
        defer { Task { await fixture.shutdown() } }
        let replied = try Self.envelope(
            "replied", cast: cast, status: "replied", limits: Self.shiyanLimits, extra: ["handlerName": "李娜", "content": "已安排清淤"])
        try await fixture.deliver(replied)
        try await fixture.deliver(replied)
        try await fixture.applyBypassingInbox(replied)
        let inbox = try await fixture.pool.query(
            "SELECT recipient_kind, recipient_id, body, link FROM inbox_messages WHERE event_id = \(replied.id)")
        #expect(inbox.count == 1)
        #expect(try inbox.first?.decode("recipient_kind", as: String.self) == "enterprise")
        #expect(try inbox.first?.decode("recipient_id", as: UUID.self) == cast.enterpriseID)
        #expect(try inbox.first?.decode("link", as: String?.self)?.hasPrefix("https://qinqing.pds.gov.cn/appeals/") == true)
        let sms = try await Self.sms(fixture, replied)
        #expect(Set(sms.keys) == [cast.adminID, cast.otherAdminID])
        #expect(sms.values.allSatisfy {
            $0.text.hasPrefix("【平顶山亲清平台】您的诉求SQ202611000123已由平顶山市发展和改革委员会答复，请在5个工作日内登录平台查看并评价")
        })
        #expect(sms.values.allSatisfy { SmsText.partCount($0.text) == 2 })
    }

    @Test("complaints follow the same rules in their own words: a dispatched complaint texts the unit's admins, a reply the enterprise")
    func complaints() async throws {
        let (fixture, cast) = try await Self.prepared()
        defer { Task { await fixture.shutdown() } }
        let dispatched = try Self.envelope("dispatched", cast: cast, status: "signing", kind: "complaint", limits: Self.shiyanLimits)
        try await fixture.deliver(dispatched)
        let toUnit = try await Self.sms(fixture, dispatched)
        #expect(Array(toUnit.keys) == [cast.unitAdminID])
        #expect(toUnit[cast.unitAdminID]?.text.contains("平台有一条新企业投诉待签收（编号TS202611000007）") == true)
        let replied = try Self.envelope(
            "replied", cast: cast, status: "replied", kind: "complaint", limits: Self.shiyanLimits,
            extra: ["handlerName": "李娜", "content": "已处理"])
        try await fixture.deliver(replied)
        let body = try await fixture.strings("SELECT link FROM inbox_messages WHERE event_id = \(replied.id)")
        #expect(body.count == 1)
        #expect(body.first?.hasPrefix("https://qinqing.pds.gov.cn/complaints/") == true)
        #expect(try await Self.sms(fixture, replied).values.allSatisfy { $0.text.contains("您的投诉TS202611000007已由") })
    }

    @Test("13710: closure waiting -> dispatchers in-site; closure returned -> the unit's admins with the reason; a plan -> the enterprise with its date")
    func closureAndPlans() async throws {
        let (fixture, cast) = try await Self.prepared()
        defer { Task { await fixture.shutdown() } }
        let requested = try Self.envelope("closure-requested", cast: cast, status: "awaitingClosure", extra: ["unrated": false])
        try await fixture.deliver(requested)
        #expect(try await Self.sms(fixture, requested).isEmpty)
        #expect(try await fixture.strings("SELECT body FROM inbox_messages WHERE event_id = \(requested.id) AND recipient_id = \(cast.dispatcherID)")
            == ["诉求SQ202611000123（平顶山市天瑞煤焦化有限公司）已办理完毕，请登录平台“诉求管理—待审核销号”审核销号。"])

        let returned = try Self.envelope("closure-returned", cast: cast, status: "inProgress", kind: "complaint", extra: ["reason": "答复未附整改材料"])
        try await fixture.deliver(returned)
        let toUnit = try await Self.sms(fixture, returned)
        #expect(Array(toUnit.keys) == [cast.unitAdminID])
        #expect(toUnit[cast.unitAdminID]?.text == "【平顶山亲清平台】投诉TS202611000007的销号未通过审核：答复未附整改材料。请继续办理后重新答复。")

        let plan = try Self.envelope(
            "plan-filed", cast: cast, status: "inProgress",
            extra: ["planVersion": 1, "resolveBy": "2027-01-31", "milestones": [["date": "2026-12-31", "content": "完成预审"]]])
        try await fixture.deliver(plan)
        let body = try await fixture.strings("SELECT body FROM inbox_messages WHERE event_id = \(plan.id) AND recipient_kind = 'enterprise'")
        #expect(body.count == 1)
        #expect(body.first?.hasPrefix("您的诉求SQ202611000123已列为重大复杂事项，平顶山市发展和改革委员会计划于2027-01-31前办结") == true)

        let overdue = try Self.envelope("overdue", cast: cast, status: "awaitingClosure")
        try await fixture.deliver(overdue)
        #expect(Set(try await Self.sms(fixture, overdue).keys) == [cast.dispatcherID, cast.unitAdminID, cast.inspectorID])
    }

    /// The appeals contract's golden sample of `qinqing.appeals.appeal.overdue.v1`, as its producer writes it
    /// (upper-case UUIDs, milliseconds), copied verbatim.
    static let goldenOverdue = #"{"item":{"category":"production","dueAt":"2026-12-03T11:06:40.250Z","enterpriseID":"3E1F6C2A-1B7D-4E9A-8C11-2F4A5B6C7D80","enterpriseName":"平顶山示范制造有限公司","id":"2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091","kind":"appeal","liaisonOfficialID":"1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9","region":"410402","serialNumber":"SQ2026110042","status":"inProgress","step":"reply","submittedAt":"2026-11-17T11:06:40.250Z","title":"新厂房用电报装迟迟未接入","unitID":"7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8","unitName":"市工业和信息化局"},"transition":{"actorID":"1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9","actorRole":"unitAdmin","actorUnitID":"7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8","at":"2026-11-18T11:06:40.250Z","fromStatus":"signing","note":"overdue","toStatus":"inProgress"}}"#

    @Test("the appeals service's own serialized overdue sample alerts the unit's admins")
    func goldenSample() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let unitAdmin = UUID()
        let unitID = try #require(UUID(uuidString: "7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8"))
        try await fixture.deliver(
            OfficialCreated(
                official: OfficialProfile(officialID: unitAdmin, name: "李娜", unitID: unitID, region: "410400", roles: [.unitAdmin], active: true),
                createdAt: Date()))
        let envelope = EventEnvelope(
            id: UUID(), source: ProducingService.appeals.eventSource, type: "qinqing.appeals.appeal.overdue.v1", time: Date(),
            subject: "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091", topic: .appeals, data: Data(Self.goldenOverdue.utf8))
        try await fixture.deliver(envelope)
        let sms = try await Self.sms(fixture, envelope)
        #expect(Array(sms.keys) == [unitAdmin])
        #expect(sms[unitAdmin]?.text == "【平顶山亲清平台】诉求SQ2026110042（平顶山示范制造有限公司）当前环节已于2026-12-03 19:06超期，请立即办理。")
    }
}
