import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Messaging
@testable import NotificationsApp
import Postgres
import Testing
import TestSupport

/// Issue 10, item 5: enterprise SMS go to the enterprise's own phone, its profile's contact phone
/// (account guide item 3), besides its admins and the member who submitted; one number gets one SMS.
@Suite("Enterprise contact phones")
struct EnterpriseContactTests {
    typealias Rules = AppealsRuleTests

    static let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
    static let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
    static let closureText = "【平顶山亲清平台】您的诉求SQ202611000123已办结"

    /// The appeal's `verb` event about the item `itemID` (as the appeals service publishes it).
    static func event(
        _ verb: String, item itemID: String, cast: Cast, status: String, serial: String = "SQ202611000123", extra: [String: Any] = [:]
    ) throws -> EventEnvelope {
        var envelope = try Rules.envelope(verb, cast: cast, status: status, extra: extra)
        var payload = try JSONSerialization.jsonObject(with: envelope.data) as? [String: Any] ?? [:]
        var item = payload["item"] as? [String: Any] ?? [:]
        item["id"] = itemID
        item["serialNumber"] = serial
        payload["item"] = item
        envelope.subject = itemID
        envelope.data = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
        return envelope
    }

    /// The member `memberID` submitted the item `itemID`.
    static func submitted(_ itemID: String, by memberID: UUID, cast: Cast) throws -> EventEnvelope {
        try event(
            "submitted", item: itemID, cast: cast, status: "reviewing",
            extra: ["transition": ["actorID": memberID.uuidString.lowercased(), "actorRole": "enterprise", "toStatus": "reviewing",
                                   "at": "2026-11-20T01:00:00.000Z"]])
    }

    static func items(_ response: TestResponse) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return object?["items"] as? [[String: Any]] ?? []
    }

    static func statuses(_ fixture: NotificationsFixture, _ envelope: EventEnvelope) async throws -> [String] {
        try await fixture.strings("SELECT status FROM sms_messages WHERE event_id = \(envelope.id) ORDER BY id")
    }

    // Its consumer reads a platform topic from the beginning: a broker of its own holds only this test's events.
    @Test("through the broker: an imported enterprise without members gets its appeal's closure by SMS at its contact phone, masked in /local/sms and the delivery log", .ownBroker)
    func importedWithoutMembers() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        let feed = try await BrokerFeed(clientID: "test-enterprise-contact")
        defer { feed.stop() }
        @Sendable func produce(_ envelope: EventEnvelope) async throws { try await feed.produce(envelope) }
        let cast = Cast()
        let phone = "13912340001"
        try await produce(try EventEnvelope(
            EnterpriseRegistered(enterprise: cast.profile, origin: .imported, approved: true, registeredAt: Date()), producer: .identity))
        try await produce(try EventEnvelope(
            EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: phone, changedAt: Date()), producer: .identity))
        let closed = try Self.event("closed", item: UUID().uuidString.lowercased(), cast: cast, status: "closed")

        let app = try fixture.application()
        try await app.test(.live) { client in
            #expect(await BrokerTests.eventually {
                (try? await fixture.count(
                    "SELECT count(*) FROM enterprise_contacts WHERE enterprise_id = \(cast.enterpriseID) AND phone_sealed IS NOT NULL")) == 1
            })
            // Sealed at rest.
            let stored = try await fixture.pool.query("SELECT phone_sealed FROM enterprise_contacts WHERE enterprise_id = \(cast.enterpriseID)")
            #expect(!String(decoding: try #require(stored.first).decode("phone_sealed", as: Data.self), as: UTF8.self).contains(phone))
            try await produce(closed)
            #expect(await BrokerTests.eventually {
                (try? await fixture.count(
                    "SELECT count(*) FROM sms_messages WHERE event_id = \(closed.id) AND enterprise_id = \(cast.enterpriseID) AND status = 'sent'")) == 1
            })
            // No member, so no one else of the enterprise: the contact phone is the only SMS of the enterprise.
            #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(closed.id)") == 1)
            let admin = try await fixture.bearer(Self.admin)
            try await client.execute(uri: "/local/sms?size=100", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                // (Announcements other suites publish on the real topics may text the enterprise too.)
                let mine = try Self.items(response).filter {
                    ($0["enterpriseID"] as? String)?.lowercased() == cast.enterpriseID.uuidString.lowercased()
                        && ($0["text"] as? String)?.hasPrefix(Self.closureText) == true
                }
                #expect(mine.count == 1)
                #expect(mine.first?["phone"] as? String == "139****0001")
                #expect((mine.first?["text"] as? String)?.hasPrefix(Self.closureText) == true)
                #expect(mine.first?["accountID"] == nil)
                #expect(!String(buffer: response.body).contains(phone))
            }
            try await client.execute(
                uri: "/admin/sms?enterpriseID=\(cast.enterpriseID)&eventID=\(closed.id)", method: .get,
                headers: try await fixture.bearer(Self.inspector)
            ) { response in
                #expect(response.status == .ok)
                let items = try Self.items(response)
                #expect(items.count == 1)
                #expect(items.first?["phone"] as? String == "139****0001")
                #expect(items.first?["ruleID"] as? String == "appeal_closed.enterprise_contact")
                #expect(!String(buffer: response.body).contains(phone))
            }
            try await client.execute(uri: "/admin/sms?enterpriseID=\(cast.enterpriseID)&eventID=\(closed.id)", method: .get, headers: admin) { response in
                let items = try Self.items(response)
                #expect(items.first?["phone"] as? String == phone)
            }
        }
    }

    @Test("the member who submitted gets the result too, and a number that is both a member's and the contact phone gets one SMS")
    func submitterAndOneSmsPerNumber() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        // The enterprise's contact phone is its admin's own phone.
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: Cast.adminPhone, changedAt: Date()))
        let itemID = UUID().uuidString.lowercased()
        try await fixture.deliver(try Self.submitted(itemID, by: cast.memberID, cast: cast))
        let closed = try Self.event("closed", item: itemID, cast: cast, status: "closed")
        try await fixture.deliver(closed)
        _ = try await fixture.dispatcher().dispatchOnce()
        #expect(await eventually { try await Self.statuses(fixture, closed).allSatisfy { ["sent", "merged"].contains($0) } })
        let rows = try await fixture.pool.query(
            "SELECT account_id, enterprise_id, status FROM sms_messages WHERE event_id = \(closed.id) AND rule_id LIKE 'appeal_closed.%'")
        var statusByRecipient: [UUID: String] = [:]
        for row in rows {
            let recipient = try row.decode("account_id", as: UUID?.self) ?? row.decode("enterprise_id", as: UUID.self)
            statusByRecipient[recipient] = try row.decode("status", as: String.self)
        }
        // The admins, the member who submitted (a plain member), the enterprise's contact phone (and, in
        // its own words, the liaison) were addressed.
        #expect(Set(statusByRecipient.keys) == [cast.adminID, cast.otherAdminID, cast.memberID, cast.enterpriseID, cast.liaisonID])
        #expect(statusByRecipient[cast.memberID] == "sent")
        #expect(statusByRecipient[cast.otherAdminID] == "sent")
        // The admin's phone and the contact phone are one number: one of the two went, the other is merged.
        #expect([statusByRecipient[cast.adminID], statusByRecipient[cast.enterpriseID]].compactMap { $0 }.sorted() == ["merged", "sent"])

        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/local/sms?size=100", method: .get, headers: try await fixture.bearer(Self.admin)) { response in
                let closures = try Self.items(response).filter { ($0["text"] as? String)?.hasPrefix(Self.closureText) == true }
                #expect(closures.filter { $0["phone"] as? String == "139****1111" }.count == 1)
                #expect(closures.filter { $0["phone"] as? String == "138****5678" }.count == 1)
                #expect(closures.count == 3)
            }
            try await client.execute(
                uri: "/admin/sms?eventID=\(closed.id)&status=merged", method: .get, headers: try await fixture.bearer(Self.admin)
            ) { response in
                let merged = try Self.items(response)
                #expect(merged.count == 1)
                #expect((merged.first?["statusReason"] as? String)?.contains("same number") == true)
            }
        }
    }

    @Test("a changed contact phone is used for the next SMS; an older change arriving late does not bring the old number back")
    func changedPhone() async throws {
        let (fixture, cast) = try await Rules.prepared()
        defer { Task { await fixture.shutdown() } }
        let now = Date()
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: "13912340001", changedAt: now))
        let first = try Self.event("closed", item: UUID().uuidString.lowercased(), cast: cast, status: "closed", serial: "SQ202611000201")
        try await fixture.deliver(first)
        _ = try await fixture.dispatcher().dispatchOnce()
        #expect(await eventually {
            try await fixture.count("SELECT count(*) FROM sms_messages WHERE enterprise_id = \(cast.enterpriseID) AND status = 'sent'") == 1
        })
        try await fixture.deliver(
            EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: "13912340002", changedAt: now.addingTimeInterval(60)))
        try await fixture.deliver(
            EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: "13912340001", changedAt: now.addingTimeInterval(-60)))
        let second = try Self.event("closed", item: UUID().uuidString.lowercased(), cast: cast, status: "closed", serial: "SQ202611000202")
        try await fixture.deliver(second)
        _ = try await fixture.dispatcher().dispatchOnce()
        #expect(await eventually {
            try await fixture.count("SELECT count(*) FROM sms_messages WHERE enterprise_id = \(cast.enterpriseID) AND status = 'sent'") == 2
        })
        let app = try fixture.application()
        try await app.test(.router) { client in
            let admin = try await fixture.bearer(Self.admin)
            for (event, phone) in [(first, "13912340001"), (second, "13912340002")] {
                try await client.execute(
                    uri: "/admin/sms?enterpriseID=\(cast.enterpriseID)&eventID=\(event.id)", method: .get, headers: admin
                ) { response in
                    let items = try Self.items(response)
                    #expect(items.count == 1)
                    #expect(items.first?["phone"] as? String == phone)
                }
            }
        }
        // The profile lost its contact phone: the enterprise is texted no more (its admins still are).
        try await fixture.deliver(EnterpriseContactChanged(enterpriseID: cast.enterpriseID, phone: nil, changedAt: now.addingTimeInterval(120)))
        let third = try Self.event("closed", item: UUID().uuidString.lowercased(), cast: cast, status: "closed", serial: "SQ202611000203")
        try await fixture.deliver(third)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(third.id) AND enterprise_id IS NOT NULL") == 0)
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(third.id) AND account_id = \(cast.adminID)") == 1)
    }

    @Test("every shipped rule that texts an enterprise's admins or members also texts its contact phone; a contact phone takes SMS only")
    func rules() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let texting = try await fixture.strings(
            """
            SELECT rule_id FROM rules
            WHERE recipients IN ('enterprise', 'enterprise_admins', 'enterprise_members', 'all_enterprises', 'region_enterprises')
              AND 'sms' = ANY (channels)
            """)
        #expect(!texting.isEmpty)
        let contact = Set(try await fixture.strings(
            "SELECT event_type FROM rules WHERE recipients IN ('enterprise_contact', 'all_enterprise_contacts', 'region_enterprise_contacts')"))
        let textingTypes = Set(try await fixture.strings(
            """
            SELECT event_type FROM rules
            WHERE recipients IN ('enterprise', 'enterprise_admins', 'enterprise_members', 'all_enterprises', 'region_enterprises')
              AND 'sms' = ANY (channels)
            """))
        #expect(textingTypes.isSubset(of: contact), "every event that texts an enterprise's accounts also texts its contact phone")
        #expect(contact.contains("qinqing.policy.redemption-application.concluded.v1"))
        #expect(contact.contains("qinqing.appeals.appeal.closed.v1"))
        #expect(contact.contains("qinqing.appeals.complaint.replied.v2"))
        #expect(contact.contains("qinqing.policy.announcement.published.v1"))
        var headers = try await fixture.bearer(Self.admin)
        headers[.contentType] = "application/json"
        let app = try fixture.application()
        try await app.test(.router) { [headers] client in
            try await client.execute(
                uri: "/admin/rules/appeal_closed.enterprise_contact", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"eventType":"qinqing.appeals.appeal.closed.v1","recipients":"enterprise_contact","recipientPath":"item.enterpriseID","channels":["sms","inbox"],"templateCode":"appeal_closed","bindings":{"serial":"item.serialNumber"}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\":\"channels\""))
            }
            try await client.execute(uri: "/admin/rules?size=100", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("appeal_closed.enterprise_contact"))
            }
        }
    }

    @Test("an announcement to all enterprises or to a region reaches the contact phones of the approved enterprises it is meant for")
    func announcements() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        // Imported, no members: one in the announcement's region, one elsewhere, one still pending.
        let here = UUID(), elsewhere = UUID(), pending = UUID()
        for (id, region, approved, phone) in [
            (here, "410402", true, "13912340011"), (elsewhere, "410482", true, "13912340012"), (pending, "410402", false, "13912340013"),
        ] {
            try await fixture.deliver(EnterpriseRegistered(
                enterprise: EnterpriseProfile(enterpriseID: id, uscc: "91410400MA44XXXX2Y", name: "公告企业", region: region, industry: "C", tags: []),
                origin: .imported, approved: approved, registeredAt: Date()))
            try await fixture.deliver(EnterpriseContactChanged(enterpriseID: id, phone: phone, changedAt: Date()))
        }
        for (audience, expected) in [
            (AnnouncementPublished.Audience(kind: .enterprises), [here, elsewhere]),
            (AnnouncementPublished.Audience(kind: .region, region: "410402"), [here]),
            (AnnouncementPublished.Audience(kind: .officials), []),
        ] {
            let event = AnnouncementPublished(
                announcement: .init(id: UUID(), title: "关于开展惠企政策兑现的公告", audience: audience, unitID: UUID()),
                publishedBy: UUID(), publishedAt: Date())
            let envelope = try EventEnvelope(event, producer: .policy)
            try await fixture.deliver(envelope)
            let rows = try await fixture.pool.query(
                "SELECT enterprise_id FROM sms_messages WHERE event_id = \(envelope.id) AND enterprise_id IS NOT NULL")
            #expect(Set(try rows.map { try $0.decode("enterprise_id", as: UUID.self) }) == Set(expected), "\(audience.kind)")
        }
    }
}
