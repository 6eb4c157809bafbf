import Contracts
import Foundation
@testable import IdentityApp
import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@Suite("Membership events on the broker")
struct MembershipTopicTests {
    @Test("an expired membership's MembershipExpired reaches the identity topic through the outbox relay")
    func expiredOnTopic() async throws {
        try await IdentityHarness.run { client, harness in
            let accountID = UUID()
            let enterpriseID = UUID()
            let membershipID = UUID()
            try await harness.pool.execute(
                "INSERT INTO accounts (id, kind, username, real_name, password_hash) VALUES (\(accountID), 'person', 'topic', '孙八', 'x')")
            try await harness.pool.execute(
                """
                INSERT INTO enterprises (id, uscc, name, region, industry, ownership, employee_band, principal_name, status, origin)
                VALUES (\(enterpriseID), \(Samples.uscc()), '到期公司', '410402', 'C', 'private', '1-19', '孙', 'approved', 'imported')
                """)
            try await harness.pool.execute(
                """
                INSERT INTO memberships (id, enterprise_id, account_id, role, status, expires_at)
                VALUES (\(membershipID), \(enterpriseID), \(accountID), 'member', 'active', now() - interval '1 minute')
                """)
            #expect(try await MembershipExpiryJob(runtime: harness.runtime).sweep().expired == 1)

            let seen = Mutex<[String]>([])
            let wanted = membershipID.uuidString.uppercased()
            var configuration = KafkaConsumerConfiguration(
                bootstrapServers: try TestEnvironment.kafkaBrokers(), groupID: TestEnvironment.uniqueName("identity_topic"),
                topics: [Topic.identity.name])
            configuration.deadLetterEnabled = false
            let logger = Logger(label: "identity-topic-test")
            let consumer = try KafkaConsumer(configuration: configuration, logger: logger) { message in
                let value = String(decoding: message.value, as: UTF8.self).uppercased()
                guard value.contains(wanted) else { return }
                let type = message.header("ce_type").map { String(decoding: $0.value, as: UTF8.self) } ?? "?"
                seen.withLock { $0.append(type) }
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [consumer], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let arrived = await eventually(timeout: .seconds(120)) { seen.withLock { !$0.isEmpty } }
                #expect(arrived, "MembershipExpired did not reach \(Topic.identity.name)")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(seen.withLock { $0 } == [MembershipExpired.eventType])
            _ = client
        }
    }
}
