import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import Testing
import TestSupport

/// The 政策兑现 application (申报) rules of migration 0020: the implementing unit hears of new and
/// resubmitted applications and of their deadlines; the applicant hears of acceptance, a return and the
/// result, the result by SMS too and, for an enterprise, at its contact phone (operating rules art. 6(4)).
@Suite("Redemption application rules (migration 0020)")
struct RedemptionApplicationRulesTests {
    typealias Rules = AppealsRuleTests

    static let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
    static let contactPhone = "13912340021"
    static let itemTitle = "建筑业企业研发投入奖补"
    static let project = "平顶山推动建筑业企业科技创新项目"

    /// An application of the cast's enterprise, made by its member, to the cast's unit.
    static func application(_ cast: Cast, round: Int = 1) -> RedemptionApplicationFacts {
        RedemptionApplicationFacts(
            id: UUID(), itemID: UUID(), itemTitle: itemTitle, project: project, unitID: cast.unitID, applicantKind: "enterprise",
            enterpriseID: cast.enterpriseID, applicantID: cast.memberID, round: round, submittedAt: Date())
    }

    static func link(_ application: RedemptionApplicationFacts) -> String {
        "https://qinqing.pds.gov.cn/redemption-applications/\(application.id.uuidString)"
    }

    static func concluded(_ application: RedemptionApplicationFacts, approved: Bool) -> RedemptionApplicationConcluded {
        RedemptionApplicationConcluded(
            application: application,
            transition: .init(from: "processing", to: approved ? "approved" : "rejected", by: UUID(), at: Date(), note: nil),
            decision: approved ? "approved" : "rejected", grantedAmount: approved ? "300000.00" : nil,
            reason: approved ? nil : "研发投入未达到申报条件", dueAt: Date().addingTimeInterval(86400), onTime: true)
    }

    /// Delivers `event` as the policy service publishes it.
    @discardableResult
    static func deliver<Event: DomainEvent>(_ fixture: NotificationsFixture, _ event: Event) async throws -> EventEnvelope {
        let envelope = try EventEnvelope(event, producer: .policy)
        try await fixture.deliver(envelope)
        return envelope
    }

    static func inboxRecipients(_ fixture: NotificationsFixture, _ envelope: EventEnvelope) async throws -> Set<UUID> {
        let rows = try await fixture.pool.query(
            "SELECT recipient_id FROM inbox_messages WHERE event_id = \(envelope.id) AND recipient_kind = 'account'")
        return Set(try rows.map { try $0.decode("recipient_id", as: UUID.self) })
    }

    static func paths(_ object: [String: Any], _ prefix: String = "") -> [String] {
        object.flatMap { key, value -> [String] in
            if let nested = value as? [String: Any] { return paths(nested, "\(prefix)\(key).") }
            return ["\(prefix)\(key)"]
        }
    }

    @Test("an approved enterprise application is texted to the applicant and to the enterprise's contact phone with the amount granted, and put in the applicant's inbox")
    func approved() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: Self.contactPhone, changedAt: Date()))
        let application = Self.application(cast)
        let envelope = try await Self.deliver(fixture, Self.concluded(application, approved: true))
        _ = try await fixture.dispatcher().dispatchOnce()
        #expect(await eventually {
            try await fixture.strings("SELECT status FROM sms_messages WHERE event_id = \(envelope.id)") == ["sent", "sent"]
        })

        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/admin/sms?eventID=\(envelope.id)&size=100", method: .get, headers: try await fixture.bearer(Self.admin)
            ) { response in
                #expect(response.status == .ok)
                var textByPhone: [String: String] = [:]
                for item in try EnterpriseContactTests.items(response) {
                    textByPhone[item["phone"] as? String ?? ""] = item["text"] as? String
                }
                #expect(Set(textByPhone.keys) == [Cast.memberPhone, Self.contactPhone])
                for text in textByPhone.values {
                    #expect(text.hasPrefix("【平顶山亲清平台】您申报的《\(Self.itemTitle)》已办结，审核通过，兑现金额300000.00元"), "\(text)")
                }
            }
        }
        let inbox = try await fixture.pool.query(
            "SELECT recipient_kind, recipient_id, body, link FROM inbox_messages WHERE event_id = \(envelope.id)")
        #expect(inbox.count == 1)
        let message = try #require(inbox.first)
        #expect(try message.decode("recipient_kind", as: String.self) == "account")
        #expect(try message.decode("recipient_id", as: UUID.self) == cast.memberID)
        #expect(try message.decode("body", as: String.self).contains("兑现金额300000.00元"))
        #expect(try message.decode("link", as: String?.self) == Self.link(application))
    }

    @Test("a rejected application tells the applicant and the enterprise's contact phone why, and names no amount")
    func rejected() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: Self.contactPhone, changedAt: Date()))
        let envelope = try await Self.deliver(fixture, Self.concluded(Self.application(cast), approved: false))
        let rows = try await fixture.pool.query("SELECT account_id, enterprise_id, text FROM sms_messages WHERE event_id = \(envelope.id)")
        var textByRecipient: [UUID: String] = [:]
        for row in rows {
            let recipient = try row.decode("account_id", as: UUID?.self) ?? row.decode("enterprise_id", as: UUID.self)
            textByRecipient[recipient] = try row.decode("text", as: String.self)
        }
        #expect(Set(textByRecipient.keys) == [cast.memberID, cast.enterpriseID])
        for text in textByRecipient.values {
            #expect(text.contains("《\(Self.itemTitle)》已办结，审核未通过，原因：研发投入未达到申报条件。"), "\(text)")
            #expect(!text.contains("兑现金额"))
        }
        #expect(try await Self.inboxRecipients(fixture, envelope) == [cast.memberID])
    }

    @Test("a person applying on their own gets the result; no enterprise's phone is texted")
    func individual() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: Self.contactPhone, changedAt: Date()))
        let person = UUID()
        try await fixture.deliver(AccountContactChanged(accountID: person, displayName: nil, phone: "13912340022", changedAt: Date()))
        var application = Self.application(cast)
        application.applicantKind = "individual"
        application.enterpriseID = nil
        application.applicantID = person
        let envelope = try await Self.deliver(fixture, Self.concluded(application, approved: true))
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id) AND account_id = \(person)") == 1)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id) AND enterprise_id IS NOT NULL") == 0)
        #expect(try await Self.inboxRecipients(fixture, envelope) == [person])
    }

    @Test("a returned application tells the applicant by SMS and in-site why, with a link to correct it")
    func returned() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let application = Self.application(cast)
        let reason = "研发费用专项审计报告未盖章"
        let envelope = try await Self.deliver(fixture,
            RedemptionApplicationReturned(
                application: application, transition: .init(from: "received", to: "returned", by: cast.unitAdminID, at: Date(), note: reason),
                reason: reason))
        let sms = try await Rules.sms(fixture, envelope)
        #expect(Array(sms.keys) == [cast.memberID])
        #expect(sms[cast.memberID]?.text
            == "【平顶山亲清平台】您申报的《\(Self.itemTitle)》被退回，原因：\(reason)。请修改后重新提交：\(Self.link(application))")
        #expect(try await Self.inboxRecipients(fixture, envelope) == [cast.memberID])
    }

    @Test("a new or resubmitted application reaches the inbox of the implementing unit's officials, not the applicant's, and texts no one")
    func submitted() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let otherUnit = UUID()
        let otherOfficial = UUID()
        try await fixture.deliver(UnitCreated(unit: UnitProfile(unitID: otherUnit, name: "汝州市商务局", kind: .department, parentID: nil, region: "410482")))
        try await fixture.deliver(
            OfficialCreated(
                official: OfficialProfile(officialID: otherOfficial, name: "孙丽", unitID: otherUnit, region: "410482", roles: [.unitAdmin], active: true),
                createdAt: Date()))
        let unitOfficials: Set<UUID> = [cast.liaisonID, cast.unitAdminID, cast.inspectorID, cast.dispatcherID]

        let application = Self.application(cast)
        let submitted = try await Self.deliver(fixture,
            RedemptionApplicationSubmitted(
                application: application, transition: .init(from: nil, to: "received", by: cast.memberID, at: Date(), note: nil)))
        #expect(try await Self.inboxRecipients(fixture, submitted) == unitOfficials)
        #expect(try await fixture.strings("SELECT DISTINCT body FROM inbox_messages WHERE event_id = \(submitted.id)")
            == ["新的政策兑现申报《\(Self.itemTitle)》（\(Self.project)）待收件审核：\(Self.link(application))"])

        var again = application
        again.round = 2
        let resubmitted = try await Self.deliver(fixture,
            RedemptionApplicationResubmitted(
                application: again, transition: .init(from: "returned", to: "received", by: cast.memberID, at: Date(), note: nil)))
        #expect(try await Self.inboxRecipients(fixture, resubmitted) == unitOfficials)
        #expect(try await fixture.strings("SELECT DISTINCT body FROM inbox_messages WHERE event_id = \(resubmitted.id)").first?
            .contains("已重新提交（第2次提交）") == true)
        for envelope in [submitted, resubmitted] {
            #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id)") == 0)
        }
    }

    @Test("the applicant hears of acceptance with the processing limit; the unit's officials hear the deadline is near, and its admins, urgently by SMS, that it has passed")
    func acceptedAndDeadlines() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let application = Self.application(cast)
        // 17:00 Beijing time.
        let dueAt = try #require(ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z"))
        let accepted = try await Self.deliver(fixture,
            RedemptionApplicationAccepted(
                application: application, transition: .init(from: "received", to: "processing", by: cast.unitAdminID, at: Date(), note: nil),
                processingDays: 15, dueAt: dueAt))
        #expect(try await Self.inboxRecipients(fixture, accepted) == [cast.memberID])
        #expect(try await fixture.strings("SELECT body FROM inbox_messages WHERE event_id = \(accepted.id)").first?
            .contains("已受理，将在15个工作日内办结") == true)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(accepted.id)") == 0)

        let dueSoon = try await Self.deliver(fixture, RedemptionApplicationDueSoon(application: application, dueAt: dueAt, markedAt: Date()))
        #expect(try await Self.inboxRecipients(fixture, dueSoon) == [cast.liaisonID, cast.unitAdminID, cast.inspectorID, cast.dispatcherID])
        #expect(try await fixture.strings("SELECT DISTINCT body FROM inbox_messages WHERE event_id = \(dueSoon.id)").first?
            .contains("将于2026-12-01 17:00办理期满") == true)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(dueSoon.id)") == 0)

        let overdue = try await Self.deliver(fixture, RedemptionApplicationOverdue(application: application, dueAt: dueAt, markedAt: Date()))
        #expect(try await Self.inboxRecipients(fixture, overdue) == [cast.unitAdminID])
        let rows = try await fixture.pool.query("SELECT account_id, urgent FROM sms_messages WHERE event_id = \(overdue.id)")
        #expect(try rows.map { try $0.decode("account_id", as: UUID.self) } == [cast.unitAdminID])
        #expect(try rows.allSatisfy { try $0.decode("urgent", as: Bool.self) })
    }

    // Its consumer reads a platform topic from the beginning: a broker of its own holds only this test's events.
    @Test("through the broker: a result produced twice is texted and put in the inbox once", .ownBroker)
    func deliveredTwice() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: Self.contactPhone, changedAt: Date()))
        let feed = try await BrokerFeed(clientID: "test-redemption-application")
        defer { feed.stop() }
        @Sendable func produce(_ envelope: EventEnvelope) async throws { try await feed.produce(envelope) }
        let envelope = try EventEnvelope(Self.concluded(Self.application(cast), approved: true), producer: .policy)

        let app = try fixture.application()
        try await app.test(.live) { _ in
            try await produce(envelope)
            try await produce(envelope)
            #expect(await BrokerTests.eventually {
                (try? await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'sent' AND event_id = \(envelope.id)")) == 2
            })
            // The second record reached the consumer (the inbox counted it once) and changed nothing.
            _ = await BrokerTests.eventually { (try? await fixture.count("SELECT count(*) FROM inbox WHERE event_id = \(envelope.id)")) == 1 }
            try await Task.sleep(for: .seconds(2))
            #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id)") == 2)
            #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == 1)
        }
        // Even past the inbox, the messages' unique keys hold.
        try await fixture.applyBypassingInbox(envelope)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(envelope.id)") == 2)
        #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == 1)
    }

    @Test("the seven application events are registered with every field their payloads carry, so a template may use any of them")
    func eventTypesRegistered() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let application = Self.application(Cast())
        let transition = RedemptionApplicationTransition(from: "received", to: "processing", by: UUID(), at: Date(), note: "材料齐全")
        let events: [any DomainEvent] = [
            RedemptionApplicationSubmitted(application: application, transition: transition),
            RedemptionApplicationResubmitted(application: application, transition: transition),
            RedemptionApplicationAccepted(application: application, transition: transition, processingDays: 15, dueAt: Date()),
            RedemptionApplicationReturned(application: application, transition: transition, reason: "材料不全"),
            RedemptionApplicationDueSoon(application: application, dueAt: Date(), markedAt: Date()),
            RedemptionApplicationOverdue(application: application, dueAt: Date(), markedAt: Date()),
            // Both the amount and the reason, so that every optional field is in the payload.
            RedemptionApplicationConcluded(
                application: application, transition: transition, decision: "approved", grantedAmount: "1.00", reason: "理由", dueAt: Date(),
                onTime: true),
        ]
        for event in events {
            let eventType = type(of: event).eventType
            let payload = try JSONSerialization.jsonObject(with: try EventJSON.encode(event)) as? [String: Any] ?? [:]
            let rows = try await fixture.pool.query("SELECT fields FROM event_types WHERE event_type = \(eventType)")
            let fields = try #require(rows.first, "\(eventType)").decode("fields", as: [String].self)
            #expect(Set(fields) == Set(Self.paths(payload)), "\(eventType)")
        }
    }
}
