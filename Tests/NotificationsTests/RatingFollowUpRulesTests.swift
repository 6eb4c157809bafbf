import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import Testing
import TestSupport

/// The 好差评 rules of migration 0021: a rating alone tells no one (it feeds the statistics); a 不满意
/// or 非常不满意 rating opens a follow-up (回访整改) that reaches the implementing unit's admins by SMS
/// and in-site, in the wording of its level; the unit's answer reaches the applicant in-site.
@Suite("Rating follow-up rules (migration 0021)")
struct RatingFollowUpRulesTests {
    typealias Rules = AppealsRuleTests
    typealias Applications = RedemptionApplicationRulesTests

    /// The phone `Cast` gives its unit admin.
    static let unitAdminPhone = "13500004444"
    static let otherUnitAdminPhone = "13912340023"

    /// The follow-up's text, SMS and in-site alike (the SMS adds the signature), for the level's Chinese wording.
    static func followUpBody(_ application: RedemptionApplicationFacts, wording: String) -> String {
        "企业对政策兑现申报《\(Applications.itemTitle)》（\(Applications.project)）的办理评价为“\(wording)”，请在5个工作日内回访整改并答复："
            + Applications.link(application)
    }

    static func opened(_ application: RedemptionApplicationFacts, level: String) -> RedemptionFollowUpOpened {
        RedemptionFollowUpOpened(application: application, level: level, dueAt: Date().addingTimeInterval(7 * 86400), openedAt: Date())
    }

    /// Another unit with an admin who has a phone: they must hear nothing of this unit's applications.
    static func otherUnitAdmin(_ fixture: NotificationsFixture) async throws -> UUID {
        let otherUnit = UUID()
        let otherAdmin = UUID()
        try await fixture.deliver(UnitCreated(unit: UnitProfile(unitID: otherUnit, name: "汝州市商务局", kind: .department, parentID: nil, region: "410482")))
        try await fixture.deliver(
            OfficialCreated(
                official: OfficialProfile(officialID: otherAdmin, name: "孙丽", unitID: otherUnit, region: "410482", roles: [.unitAdmin], active: true),
                createdAt: Date()))
        try await fixture.deliver(AccountContactChanged(accountID: otherAdmin, displayName: nil, phone: Self.otherUnitAdminPhone, changedAt: Date()))
        return otherAdmin
    }

    @Test("a 非常不满意 rating's follow-up is texted to the implementing unit's admins and put in their inbox, saying 非常不满意 and linking to the application; the applicant and another unit's admins hear nothing")
    func veryDissatisfied() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let otherAdmin = try await Self.otherUnitAdmin(fixture)
        let application = Applications.application(cast)
        let envelope = try await Applications.deliver(fixture, Self.opened(application, level: "veryDissatisfied"))
        let body = Self.followUpBody(application, wording: "非常不满意")

        let sms = try await Rules.sms(fixture, envelope)
        #expect(Set(sms.keys) == [cast.unitAdminID])
        #expect(sms[cast.memberID] == nil && sms[otherAdmin] == nil)
        #expect(try await fixture.strings("SELECT rule_id FROM sms_messages WHERE event_id = \(envelope.id)")
            == ["redemption_follow_up_very_dissatisfied.unit_admins"])

        _ = try await fixture.dispatcher().dispatchOnce()
        #expect(await eventually {
            try await fixture.strings("SELECT status FROM sms_messages WHERE event_id = \(envelope.id)") == ["sent"]
        })
        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/admin/sms?eventID=\(envelope.id)&size=100", method: .get, headers: try await fixture.bearer(Applications.admin)
            ) { response in
                #expect(response.status == .ok)
                var textByPhone: [String: String] = [:]
                for item in try EnterpriseContactTests.items(response) {
                    textByPhone[item["phone"] as? String ?? ""] = item["text"] as? String
                }
                #expect(Set(textByPhone.keys) == [Self.unitAdminPhone])
                #expect(textByPhone[Self.unitAdminPhone] == "【平顶山亲清平台】" + body)
            }
        }

        #expect(try await Applications.inboxRecipients(fixture, envelope) == [cast.unitAdminID])
        let inbox = try await fixture.pool.query(
            "SELECT recipient_kind, recipient_id, rule_id, title, body, link FROM inbox_messages WHERE event_id = \(envelope.id)")
        #expect(inbox.count == 1)
        let message = try #require(inbox.first)
        #expect(try message.decode("recipient_kind", as: String.self) == "account")
        #expect(try message.decode("recipient_id", as: UUID.self) == cast.unitAdminID)
        #expect(try message.decode("rule_id", as: String.self) == "redemption_follow_up_very_dissatisfied.unit_admins")
        #expect(try message.decode("title", as: String.self) == "政策兑现差评待回访整改")
        #expect(try message.decode("body", as: String.self) == body)
        #expect(try message.decode("link", as: String?.self) == Applications.link(application))
    }

    @Test("a 不满意 rating's follow-up tells the unit's admins by SMS and in-site that the rating was 不满意, not 非常不满意")
    func dissatisfied() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let otherAdmin = try await Self.otherUnitAdmin(fixture)
        let application = Applications.application(cast)
        let envelope = try await Applications.deliver(fixture, Self.opened(application, level: "dissatisfied"))
        let body = Self.followUpBody(application, wording: "不满意")

        let sms = try await Rules.sms(fixture, envelope)
        #expect(Set(sms.keys) == [cast.unitAdminID])
        #expect(sms[otherAdmin] == nil)
        #expect(sms[cast.unitAdminID]?.text == "【平顶山亲清平台】" + body)
        #expect(sms[cast.unitAdminID]?.text.contains("非常不满意") == false)
        // One rule per level: the 非常不满意 rule did not fire for this one.
        #expect(try await fixture.strings("SELECT rule_id FROM sms_messages WHERE event_id = \(envelope.id)")
            == ["redemption_follow_up_dissatisfied.unit_admins"])

        #expect(try await Applications.inboxRecipients(fixture, envelope) == [cast.unitAdminID])
        #expect(try await fixture.strings("SELECT body FROM inbox_messages WHERE event_id = \(envelope.id)") == [body])
        #expect(try await fixture.strings("SELECT rule_id FROM inbox_messages WHERE event_id = \(envelope.id)")
            == ["redemption_follow_up_dissatisfied.unit_admins"])
    }

    @Test("the unit's answer to a follow-up reaches the applicant's inbox with a link to the application, whether they applied for an enterprise or on their own, and is texted to no one")
    func answered() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let person = UUID()
        try await fixture.deliver(AccountContactChanged(accountID: person, displayName: nil, phone: "13912340024", changedAt: Date()))
        var individual = Applications.application(cast)
        individual.applicantKind = "individual"
        individual.enterpriseID = nil
        individual.applicantID = person

        for (application, applicant) in [(Applications.application(cast), cast.memberID), (individual, person)] {
            let envelope = try await Applications.deliver(fixture,
                RedemptionFollowUpAnswered(
                    application: application, answeredBy: cast.unitAdminID, answeredAt: Date(), dueAt: Date().addingTimeInterval(86400),
                    onTime: true))
            let inbox = try await fixture.pool.query(
                "SELECT recipient_kind, recipient_id, title, body, link FROM inbox_messages WHERE event_id = \(envelope.id)")
            #expect(inbox.count == 1)
            let message = try #require(inbox.first)
            #expect(try message.decode("recipient_kind", as: String.self) == "account")
            #expect(try message.decode("recipient_id", as: UUID.self) == applicant)
            #expect(try message.decode("title", as: String.self) == "差评整改已答复")
            #expect(try message.decode("body", as: String.self)
                == "您对《\(Applications.itemTitle)》办理情况的评价已由实施部门回访整改并答复，详情请登录平台查看：\(Applications.link(application))")
            #expect(try message.decode("link", as: String?.self) == Applications.link(application))
            // The applicant has a phone; the rule texts no one.
            #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id)") == 0)
        }
    }

    @Test("a rating by itself tells no one, whatever its level, comment or not: migration 0021 ships no rule for it")
    func ratingAlone() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        #expect(try await fixture.count("SELECT count(*) FROM rules WHERE event_type = \(RedemptionApplicationRated.eventType)") == 0)
        for level in ["verySatisfied", "satisfied", "basicallySatisfied", "dissatisfied", "veryDissatisfied"] {
            let envelope = try await Applications.deliver(fixture,
                RedemptionApplicationRated(application: Applications.application(cast), level: level, hasComment: true, ratedAt: Date()))
            #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id)") == 0, "\(level)")
            #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == 0, "\(level)")
        }
    }

    @Test("the rating, follow-up opened and follow-up answered events are registered with every field their payloads carry, so a template may use any of them")
    func eventTypesRegistered() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let application = Applications.application(Cast())
        // Every optional field set, so that it is in the payload.
        let events: [any DomainEvent] = [
            RedemptionApplicationRated(application: application, level: "veryDissatisfied", hasComment: true, ratedAt: Date()),
            RedemptionFollowUpOpened(application: application, level: "veryDissatisfied", dueAt: Date(), openedAt: Date()),
            RedemptionFollowUpAnswered(application: application, answeredBy: UUID(), answeredAt: Date(), dueAt: Date(), onTime: true),
        ]
        for event in events {
            let eventType = type(of: event).eventType
            let payload = try JSONSerialization.jsonObject(with: try EventJSON.encode(event)) as? [String: Any] ?? [:]
            let rows = try await fixture.pool.query("SELECT fields FROM event_types WHERE event_type = \(eventType)")
            let fields = try #require(rows.first, "\(eventType)").decode("fields", as: [String].self)
            #expect(Set(fields) == Set(Applications.paths(payload)), "\(eventType)")
        }
    }
}
