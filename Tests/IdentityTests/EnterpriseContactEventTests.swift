import Contracts
import Foundation
import HummingbirdTesting
@testable import IdentityApp
import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Issue 10, item 5: the enterprise profile's contact phone (where the enterprise receives the
/// platform's SMS) goes to the notifications service on the restricted contacts topic, never on the
/// general identity topic.
@Suite("Enterprise contact phones on the contacts topic")
struct EnterpriseContactEventTests {
    static let importedPhone = "13611112222"
    static let changedPhone = "13611113333"

    /// Imports one enterprise with a contact phone and one without; returns the first one's id.
    static func importTwo(_ client: any TestClientProtocol, platform: String) async throws -> String {
        let header = EnterpriseImport.columns.joined(separator: ",")
        let csv = header + "\n"
            + "\(Samples.uscc("91410400MA0000051")),联络公司,410402,C,private,20-99,,法人,,13711110000,联络人,主任,\(importedPhone),,\n"
            + "\(Samples.uscc("91410400MA0000052")),无联络公司,410402,C,private,20-99,,法人,,13711110001,,,,,\n"
        let report = try await client.call(.post, "/enterprises/imports", bearer: platform, raw: csv, contentType: "text/csv")
        #expect(report.json["imported"] as? Int == 2)
        let listed = try await client.call(.get, "/enterprises?size=100", bearer: platform)
        return try #require(listed.items.first { $0["name"] as? String == "联络公司" }?["id"] as? String)
    }

    static func contactEvents(_ harness: IdentityHarness, of id: String) async throws -> [[String: Any]] {
        try await harness.outboxPayloads(EnterpriseContactChanged.eventType).filter {
            ($0["enterpriseID"] as? String)?.lowercased() == id.lowercased()
        }
    }

    @Test("import, profile edits, registration and a preset account publish the contact phone on the restricted topic, and only when it is set or changed")
    func everyPath() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("contacts", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let id = try await Self.importTwo(client, platform: platform)
            #expect(try await Self.contactEvents(harness, of: id).map { $0["phone"] as? String } == [Self.importedPhone])
            // The enterprise without a contact phone has none to publish.
            #expect(try await harness.outboxPayloads(EnterpriseContactChanged.eventType).count == 1)

            // An edit that leaves the contact phone alone publishes nothing; one that changes it does.
            #expect(try await client.call(.patch, "/enterprises/\(id)", json: ["overview": "新的简介"], bearer: platform).status == .ok)
            #expect(try await Self.contactEvents(harness, of: id).count == 1)
            let changed = try await client.call(.patch, "/enterprises/\(id)", json: ["contact": ["phone": Self.changedPhone]], bearer: platform)
            #expect(changed.status == .ok)
            #expect(try await Self.contactEvents(harness, of: id).compactMap { $0["phone"] as? String }.sorted()
                == [Self.importedPhone, Self.changedPhone].sorted())

            // A preset account has no phone of its own: the enterprise's current contact phone is told again.
            let preset = try await client.call(.post, "/enterprises/\(id)/preset-account", bearer: platform)
            #expect(preset.status == .created)
            #expect(try await Self.contactEvents(harness, of: id).filter { $0["phone"] as? String == Self.changedPhone }.count == 2)

            // Online registration.
            let person = UUID()
            try await harness.pool.execute(
                "INSERT INTO accounts (id, kind, username, real_name, password_hash) VALUES (\(person), 'person', 'registrant', '申请人', 'x')")
            let applicant = try await harness.bearer(AccessClaims(accountID: person, accountKind: .person))
            let registered = try await client.call(
                .post, "/enterprises/registrations", json: Samples.enterprise(uscc: Samples.uscc("91410400MA0000053"), name: "注册公司"),
                bearer: applicant)
            #expect(registered.status == .created)
            let registeredID = try #require(registered.string("id"))
            #expect(try await Self.contactEvents(harness, of: registeredID).map { $0["phone"] as? String } == ["13612345678"])

            // Every contact record is on the restricted topic; no record on the general topic carries a contact phone.
            let topics = try await harness.pool.query(
                "SELECT DISTINCT topic FROM outbox WHERE event_type = \(EnterpriseContactChanged.eventType)"
            ).map { try $0.decode("topic", as: String.self) }
            #expect(topics == [Topic.identityContacts.name])
            for phone in [Self.importedPhone, Self.changedPhone, "13612345678"] {
                #expect(try await harness.pool.query(
                    "SELECT 1 FROM outbox WHERE topic = \(Topic.identity.name) AND convert_from(payload, 'UTF8') LIKE \("%" + phone + "%")"
                ).isEmpty)
            }
            #expect(try await harness.pool.query(
                "SELECT 1 FROM outbox WHERE topic = \(Topic.identity.name) AND event_type = \(EnterpriseRegistered.eventType)").count == 3)
        }
    }

    @Test("on the broker: the contacts topic carries the imported enterprise's phone; the general identity topic's records of it never do")
    func publishedRecords() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("contacts2", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let id = try await Self.importTwo(client, platform: platform)
            let changed = try await client.call(.patch, "/enterprises/\(id)", json: ["contact": ["phone": Self.changedPhone]], bearer: platform)
            #expect(changed.status == .ok)

            let records = Mutex<[(topic: String, type: String, value: String)]>([])
            let wanted = id.uppercased()
            var configuration = KafkaConsumerConfiguration(
                bootstrapServers: try TestEnvironment.kafkaBrokers(), groupID: TestEnvironment.uniqueName("enterprise_contact"),
                topics: [Topic.identity.name, Topic.identityContacts.name])
            configuration.deadLetterEnabled = false
            let logger = Logger(label: "enterprise-contact-topic-test")
            let consumer = try KafkaConsumer(configuration: configuration, logger: logger) { message in
                let value = String(decoding: message.value, as: UTF8.self)
                guard value.uppercased().contains(wanted) else { return }
                let type = message.header("ce_type").map { String(decoding: $0.value, as: UTF8.self) } ?? "?"
                records.withLock { $0.append((message.topic, type, value)) }
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [consumer], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let arrived = await eventually(timeout: .seconds(120)) {
                    records.withLock { seen in
                        seen.filter { $0.type == EnterpriseContactChanged.eventType }.count == 2
                            && seen.contains { $0.type == EnterpriseRegistered.eventType }
                            && seen.contains { $0.type == EnterpriseUpdated.eventType }
                    }
                }
                #expect(arrived, "the enterprise's records did not all arrive")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let seen = records.withLock { $0 }
            let contacts = seen.filter { $0.type == EnterpriseContactChanged.eventType }
            #expect(contacts.allSatisfy { $0.topic == Topic.identityContacts.name })
            #expect(contacts.contains { $0.value.contains(Self.importedPhone) } && contacts.contains { $0.value.contains(Self.changedPhone) })
            let general = seen.filter { $0.topic == Topic.identity.name }
            #expect(!general.isEmpty)
            #expect(general.allSatisfy { !$0.value.contains(Self.importedPhone) && !$0.value.contains(Self.changedPhone) })
        }
    }
}
