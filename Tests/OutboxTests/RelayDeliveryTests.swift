import Contracts
import Foundation
import Messaging
import Outbox
import Postgres
import Testing
import TestSupport

@Suite("Relay and inbox on the shared broker")
struct RelayDeliveryTests {
    @Test("every event arrives once, in order per key, and a republished event has no second effect")
    func deliverThenRepublish() async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let fixture = try await BackboneFixture(prefix: "relay_once")
        try await KafkaAdmin(bootstrapServers: brokers, logger: fixture.logger)
            .createTopics([fixture.topic.name, fixture.topic.deadLetter.name], partitions: 3)
        let keys = (0..<5).map { "key-\($0)" }
        for n in 1...20 { for key in keys { try await fixture.write(key: key, n: n) } }

        let producer = try fixture.makeProducer(brokers: brokers)
        let services = RunningServices(
            [producer, fixture.makeRelay(producer: producer), try fixture.makeConsumer(brokers: brokers)],
            logger: fixture.logger)
        #expect(await eventually { try await fixture.appliedCount == 100 })

        try await OutboxMaintenance(pool: fixture.pool).republish(since: .distantPast)
        for key in keys { try await fixture.write(key: key, n: 21) }
        #expect(await eventually { try await fixture.appliedCount == 105 })
        try await Task.sleep(for: .milliseconds(500))

        #expect(try await fixture.appliedCount == 105)
        #expect(try await fixture.duplicateApplications == 0)
        #expect(try await fixture.keysOutOfOrder == 0)
        #expect(try await OutboxMaintenance(pool: fixture.pool).backlog().count == 0)
        await services.stop()
        await fixture.pool.shutdown()
    }

    @Test(
        "a batch handler applies each event once, in order per key, in fewer calls than events, and not again when republished (1 lane; batches split in 3 lanes by key; keyed by event id instead of the inbox)",
        arguments: [1, 3], [false, true])
    func batchHandler(lanes: Int, keyed: Bool) async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let fixture = try await BackboneFixture(prefix: "relay_batch\(lanes)\(keyed ? "k" : "")")
        try await KafkaAdmin(bootstrapServers: brokers, logger: fixture.logger)
            .createTopics([fixture.topic.name, fixture.topic.deadLetter.name], partitions: 3)
        let keys = (0..<5).map { "key-\($0)" }
        for n in 1...40 { for key in keys { try await fixture.write(key: key, n: n) } }

        let calls = BackboneFixture.Calls()
        let producer = try fixture.makeProducer(brokers: brokers)
        let services = RunningServices(
            [
                producer, fixture.makeRelay(producer: producer),
                try fixture.makeConsumer(brokers: brokers, handlers: fixture.batchHandlers(calls: calls, keyed: keyed), lanes: lanes),
            ], logger: fixture.logger)
        #expect(await eventually { try await fixture.appliedCount == 200 })
        #expect(calls.value < 200)
        // A keyed batch handler's events leave no inbox row: its own table is their record.
        #expect(try await fixture.count("SELECT count(*)::bigint FROM inbox") == (keyed ? 0 : 200))

        try await OutboxMaintenance(pool: fixture.pool).republish(since: .distantPast)
        for key in keys { try await fixture.write(key: key, n: 41) }
        #expect(await eventually { try await fixture.appliedCount == 205 })
        try await Task.sleep(for: .milliseconds(500))

        #expect(try await fixture.appliedCount == 205)
        #expect(try await fixture.duplicateApplications == 0)
        #expect(try await fixture.keysOutOfOrder == 0)
        await services.stop()
        await fixture.pool.shutdown()
    }

    @Test("two relays draining one outbox keep order per key and lose nothing")
    func twoRelays() async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let fixture = try await BackboneFixture(prefix: "relay_two")
        try await KafkaAdmin(bootstrapServers: brokers, logger: fixture.logger)
            .createTopics([fixture.topic.name, fixture.topic.deadLetter.name], partitions: 3)
        let producerA = try fixture.makeProducer(brokers: brokers)
        let producerB = try fixture.makeProducer(brokers: brokers)
        let services = RunningServices(
            [
                producerA, producerB, fixture.makeRelay(producer: producerA, batchSize: 20),
                fixture.makeRelay(producer: producerB, batchSize: 20), try fixture.makeConsumer(brokers: brokers),
            ], logger: fixture.logger)
        for n in 1...60 { for key in ["x", "y", "z"] { try await fixture.write(key: key, n: n) } }

        #expect(await eventually { try await fixture.appliedCount == 180 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await fixture.appliedCount == 180)
        #expect(try await fixture.duplicateApplications == 0)
        #expect(try await fixture.keysOutOfOrder == 0)
        await services.stop()
        await fixture.pool.shutdown()
    }
}
