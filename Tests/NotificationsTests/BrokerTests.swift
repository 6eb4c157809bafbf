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

@Suite("Through the broker")
struct BrokerTests {
    // Its consumer reads a platform topic from the beginning: a broker of its own holds only this test's events.
    @Test("identity records on the real topics are projected and the membership-expiring rule sends once, even when the record is produced twice", .ownBroker)
    func endToEnd() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        let feed = try await BrokerFeed(clientID: "test-identity")
        defer { feed.stop() }
        @Sendable func produce(_ envelope: EventEnvelope) async throws { try await feed.produce(envelope) }
        let cast = Cast()
        let now = Date()
        let setup: [any DomainEvent] = [
            EnterpriseRegistered(enterprise: cast.profile, origin: .imported, approved: true, registeredAt: now),
            MembershipGranted(
                membershipID: cast.membershipID, enterpriseID: cast.enterpriseID, accountID: cast.memberID, role: .member,
                expiresAt: now.addingTimeInterval(86400 * 7), grantedBy: cast.adminID, grantedAt: now),
            MembershipGranted(
                membershipID: UUID(), enterpriseID: cast.enterpriseID, accountID: cast.adminID, role: .admin,
                expiresAt: now.addingTimeInterval(86400 * 365), grantedBy: cast.adminID, grantedAt: now),
            AccountContactChanged(accountID: cast.memberID, displayName: nil, phone: Cast.memberPhone, changedAt: now),
            AccountContactChanged(accountID: cast.adminID, displayName: nil, phone: Cast.adminPhone, changedAt: now),
        ]
        for event in setup {
            try await produce(try EventEnvelope(event, producer: .identity))
        }
        let expiring = try EventEnvelope(
            MembershipExpiring(
                membershipID: cast.membershipID, enterpriseID: cast.enterpriseID, enterpriseName: cast.enterpriseName,
                accountID: cast.memberID, expiresAt: now.addingTimeInterval(86400 * 7)),
            producer: .identity)

        // Other suites publish real identity events on the same topics: count only this cast's rows.
        let app = try fixture.application()
        try await app.test(.live) { client in
            let projected = await Self.eventually {
                let contacts = try? await fixture.count(
                    "SELECT count(*) FROM contacts WHERE phone_sealed IS NOT NULL AND account_id IN (\(cast.memberID), \(cast.adminID))")
                let memberships = try? await fixture.count("SELECT count(*) FROM memberships WHERE enterprise_id = \(cast.enterpriseID)")
                return contacts == 2 && memberships == 2
            }
            #expect(projected)
            try await produce(expiring)
            try await produce(expiring)
            let sent = await Self.eventually {
                (try? await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'sent' AND event_id = \(expiring.id)")) == 2
            }
            #expect(sent)
            // The duplicate record reached the consumer (the inbox counted it) and changed nothing.
            _ = await Self.eventually { (try? await fixture.count("SELECT count(*) FROM inbox WHERE event_id = \(expiring.id)")) == 1 }
            try await Task.sleep(for: .seconds(2))
            #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE event_id = \(expiring.id)") == 2)
            #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(expiring.id)") == 2)
            // Even in the local run, the local outbox is for platform admins only.
            try await client.execute(uri: "/local/sms", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
            try await client.execute(uri: "/local/sms", method: .get, headers: try await fixture.bearer(inspector)) { response in
                #expect(response.status == .forbidden)
            }
            let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
            try await client.execute(uri: "/local/sms", method: .get, headers: try await fixture.bearer(admin)) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(cast.memberID.uuidString) || text.contains(cast.memberID.uuidString.lowercased()))
                #expect(text.contains("138****5678"))
                #expect(!text.contains(Cast.memberPhone))
                #expect(text.contains("【平顶山亲清平台】您在平顶山市天瑞煤焦化有限公司的企业授权将于"))
            }
        }
    }

    static func eventually(timeout: Duration = .seconds(120), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return false
    }
}
