@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Logging
import Messaging
import Outbox
import Postgres
import TestSupport
import Testing

@Suite("Identity projections through the inbox consumer")
struct ProjectionTests {
    // Its consumer reads a platform topic from the beginning: a broker of its own holds only this test's events.
    @Test("identity events on the broker become the enterprise, unit, official and liaison an appeal uses", .ownBroker)
    func liveProjections() async throws {
        let h = try await AppealsHarness.make()
        // The identity service creates its topic; here the test does, before the consumer starts.
        let admin = try KafkaAdmin(bootstrapServers: try TestEnvironment.kafkaBrokers(), logger: Logger(label: "test-admin"))
        try await admin.createTopics([Topic.identity.name], partitions: 6)
        let enterpriseID = UUID()
        let officialID = UUID()
        let unitID = UUID()
        let now = Date()
        let profile = EnterpriseProfile(
            enterpriseID: enterpriseID, uscc: "91410400MA9F5XYZ3K", name: "平顶山投影测试有限公司", region: "410411", industry: "C", tags: [])
        // Identity's events, put on the identity topic by the test (as the identity service's relay would).
        let identity = OutboxWriter(producer: .identity)
        let approved = try EventEnvelope(EnterpriseApproved(enterprise: profile, approvedBy: UUID(), approvedAt: now), producer: .identity)
        try await h.dependencies.pool.withTransaction { connection in
            try await identity.append(UnitCreated(unit: .init(unitID: unitID, name: "湛河区工信局", kind: .department, parentID: nil, region: "410411")), on: connection)
            try await identity.append(
                OfficialCreated(official: .init(officialID: officialID, name: "周红梅", unitID: unitID, region: "410411", roles: [.liaison], active: true), createdAt: now),
                on: connection)
            try await identity.append(approved, on: connection)
            try await identity.append(LiaisonAssigned(enterpriseID: enterpriseID, officialID: officialID, unitID: unitID, assignedAt: now), on: connection)
        }
        try await h.application().test(.live) { client in
            // The four events have different keys, so they may arrive in any order: wait for all of them.
            let projected = await eventually {
                try await h.dependencies.pool.query(
                    """
                    SELECT 1 FROM liaison_assignments l, officials o, units u, enterprises e
                    WHERE l.enterprise_id = \(enterpriseID) AND l.official_id = \(officialID) AND o.official_id = \(officialID)
                      AND u.unit_id = \(unitID) AND e.enterprise_id = \(enterpriseID) AND e.status = 'approved'
                    """).count == 1
            }
            #expect(projected)
            let applied = try await h.dependencies.pool.query(
                "SELECT count(*) AS n FROM inbox WHERE event_id = \(approved.id)")[0].decode("n", as: Int.self)
            #expect(applied == 1)
            let enterprise = AccessClaims(
                accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: enterpriseID, uscc: profile.uscc, role: .member))
            let created = try await h.call(client, .post, "/appeals", as: enterprise, json: Forms.appeal(region: "410411"))
            #expect(created.status == .created)
            #expect(created.string("enterpriseName") == "平顶山投影测试有限公司")
            #expect((created["holder"] as? [String: Any])?["id"] as? String == officialID.uuidString)
            let liaison = AccessClaims(accountID: officialID, accountKind: .official, roles: ["liaison"], unitID: unitID)
            let queue = try await h.call(client, .get, "/appeals?queue=review", as: liaison)
            #expect(queue.items.first?["holder"].flatMap { ($0 as? [String: Any])?["name"] as? String } == "周红梅")
        }
    }
}
