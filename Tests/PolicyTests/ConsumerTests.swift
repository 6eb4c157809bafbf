@testable import PolicyApp
import Contracts
import Foundation
import HummingbirdTesting
import Logging
import Messaging
import Outbox
import TestSupport
import Testing

@Suite("The policy service's consumers on the broker")
struct ConsumerTests {
    // Its consumer reads a platform topic from the beginning: a broker of its own holds only this test's events.
    @Test("identity's events become the unit and enterprise; a published policy reaches the subscriber once through the broker", .ownBroker)
    func liveProjectionAndMatching() async throws {
        let h = try await PolicyHarness.make()
        let admin = try KafkaAdmin(bootstrapServers: try TestEnvironment.kafkaBrokers(), logger: Logger(label: "test-admin"))
        try await admin.createTopics([Topic.identity.name, Topic.policy.name], partitions: 6)
        let unitID = UUID()
        let enterpriseID = UUID()
        let now = Date()
        let identity = OutboxWriter(producer: .identity)
        try await h.dependencies.pool.withTransaction { connection in
            try await identity.append(
                UnitCreated(unit: .init(unitID: unitID, name: "平顶山市科技局", kind: .department, parentID: nil, region: "410400")), on: connection)
            try await identity.append(
                EnterpriseApproved(
                    enterprise: EnterpriseProfile(enterpriseID: enterpriseID, uscc: "91410400MA00000C3", name: "平顶山示范软件有限公司",
                                                  region: "410471", industry: "I", tags: ["软件", "专精特新"]),
                    approvedBy: UUID(), approvedAt: now), on: connection)
        }
        try await h.service.application().test(.live) { client in
            let projected = await eventually {
                try await h.dependencies.pool.query(
                    "SELECT 1 FROM units u, enterprises e WHERE u.unit_id = \(unitID) AND e.enterprise_id = \(enterpriseID) AND e.status = 'approved'"
                ).count == 1
            }
            #expect(projected)
            let member = h.member(enterpriseID)
            let subscribed = try await h.call(client, .post, "/subscriptions", as: member, json: ["enterpriseTags": ["软件"], "agencyIDs": [unitID.uuidString]])
            #expect(subscribed.status == .created)
            let id = try await h.publish(client, PolicyHarness.form(title: "软件产业发展扶持办法", tags: ["软件"]), unit: unitID)
            let delivered = await eventually {
                try await h.call(client, .get, "/subscription-messages", as: member).titles == ["软件产业发展扶持办法"]
            }
            #expect(delivered)
            let matched = try await h.events(SubscriptionMatched.eventType)
            #expect(matched.count == 1)
            #expect(matched.first?["itemID"] as? String == id.uuidString)
        }
    }
}
