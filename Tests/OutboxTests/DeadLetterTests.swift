import Contracts
import Foundation
import Messaging
import Outbox
import Synchronization
import Testing
import TestSupport

@Suite("Malformed events")
struct DeadLetterTests {
    @Test(
        "bad JSON, an unknown type and missing headers go to the dead-letter topic; the events after them are applied",
        arguments: [false, true])
    func poisonGoesToDeadLetter(oneBatch: Bool) async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let fixture = try await BackboneFixture(prefix: "dlq")
        try await KafkaAdmin(bootstrapServers: brokers, logger: fixture.logger)
            .createTopics([fixture.topic.name], partitions: 1)
        try await KafkaAdmin(bootstrapServers: brokers, logger: fixture.logger)
            .createTopics([fixture.topic.deadLetter.name], partitions: 1)
        let producer = try fixture.makeProducer(brokers: brokers)
        let good = fixture.envelope(key: "k", n: 1)
        func record(_ envelope: EventEnvelope, dropping: String? = nil) -> KafkaOutgoingMessage {
            KafkaOutgoingMessage(
                topic: fixture.topic.name, key: Array(envelope.key.utf8), value: Array(envelope.data),
                headers: envelope.headers.filter { $0.name != dropping }.map { KafkaHeader(key: $0.name, string: $0.value) })
        }
        var badJSON = fixture.envelope(key: "k", n: 0)
        badJSON.data = Data("{\"n\": ".utf8)
        var unknown = fixture.envelope(key: "k", n: 0)
        unknown.type = "qinqing.nobody.nothing.v1"
        let poison = [record(badJSON), record(unknown), record(fixture.envelope(key: "k", n: 0), dropping: "ce_id")]

        let reasons = Mutex<[String]>([])
        var dlqConfiguration = KafkaConsumerConfiguration(
            bootstrapServers: brokers, groupID: TestEnvironment.uniqueName("dlq_reader"),
            topics: [fixture.topic.deadLetter.name])
        dlqConfiguration.deadLetterEnabled = false
        let dlqReader = try KafkaConsumer(configuration: dlqConfiguration, logger: fixture.logger) { message in
            reasons.withLock { $0.append(message.header("dlq_reason")?.stringValue ?? "") }
        }
        let records = poison + [record(good), record(fixture.envelope(key: "k", n: 2))]
        // Either each record reaches the running consumer alone, or all wait for it and come in one
        // fetched batch: that batch cannot be read whole, and is applied record by record.
        let services: RunningServices
        if oneBatch {
            let sending = RunningServices([producer], logger: fixture.logger)
            for result in await producer.send(records) { _ = try result.get() }
            await sending.stop()
            services = RunningServices([try fixture.makeConsumer(brokers: brokers), dlqReader], logger: fixture.logger)
        } else {
            services = RunningServices([producer, try fixture.makeConsumer(brokers: brokers), dlqReader], logger: fixture.logger)
            for message in records {
                _ = try await producer.send(message)
            }
        }

        #expect(await eventually { try await fixture.appliedCount == 2 })
        #expect(await eventually { reasons.withLock { $0.count } == 3 })
        let collected = reasons.withLock { $0 }
        #expect(collected.contains { $0.contains("malformed body") })
        #expect(collected.contains { $0.contains("unknown event type") })
        #expect(collected.contains { $0.contains("ce_id") })
        await services.stop()
        await fixture.pool.shutdown()
    }
}
