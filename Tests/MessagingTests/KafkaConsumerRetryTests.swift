import Foundation
import Messaging
import Synchronization
import Testing

/// Counts handler calls per message value.
final class AttemptCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Records one more attempt and returns the attempt number (1-based).
    func next(_ value: String) -> Int {
        counts.withLock { counts in
            counts[value, default: 0] += 1
            return counts[value]!
        }
    }

    func attempts(_ value: String) -> Int {
        counts.withLock { $0[value] ?? 0 }
    }
}

struct TransientFailure: Error, CustomStringConvertible {
    let attempt: Int
    var description: String { "transient failure on attempt \(attempt)" }
}

@Suite("Kafka consumer retries and dead-lettering")
struct KafkaConsumerRetryTests {
    @Test("a handler failing twice then succeeding is retried and not dead-lettered")
    func retriesThenSucceeds() async throws {
        let topic = KafkaTestEnvironment.uniqueName("retry")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1, withDeadLetter: true)
        let logger = KafkaTestEnvironment.logger("retry", level: .critical)
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let attempts = AttemptCounter()
        let handled = Recorder<String>()
        var configuration = try KafkaTestEnvironment.consumerConfiguration(
            group: KafkaTestEnvironment.uniqueName("retry-group"), topics: [topic])
        configuration.maxAttempts = 5
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger) { message in
            let value = String(decoding: message.value, as: UTF8.self)
            let attempt = attempts.next(value)
            if value == "flaky", attempt <= 2 { throw TransientFailure(attempt: attempt) }
            handled.append(value)
        }

        try await withRunningServices([producer, consumer]) {
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "same", value: Array("flaky".utf8)))
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "same", value: Array("after".utf8)))
            try await waitUntil("the message after the flaky one") { handled.items.contains("after") }
        }

        #expect(attempts.attempts("flaky") == 3)
        #expect(handled.items == ["flaky", "after"])
        let admin = try KafkaAdmin(bootstrapServers: try KafkaTestEnvironment.brokers(), logger: logger)
        let deadLettered = try await admin.endOffsets(of: KafkaConsumerConfiguration.deadLetterTopic(for: topic))
        #expect(deadLettered.values.reduce(0, +) == 0, "nothing may be dead-lettered")
    }

    @Test("a poison message goes straight to <topic>.dlq and the next message is still processed")
    func poisonMessageIsDeadLettered() async throws {
        let topic = KafkaTestEnvironment.uniqueName("poison")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1, withDeadLetter: true)
        let logger = KafkaTestEnvironment.logger("poison", level: .critical)
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let attempts = AttemptCounter()
        let handled = Recorder<String>()
        let consumer = try KafkaConsumer(
            configuration: KafkaTestEnvironment.consumerConfiguration(
                group: KafkaTestEnvironment.uniqueName("poison-group"), topics: [topic]),
            logger: logger
        ) { message in
            let value = String(decoding: message.value, as: UTF8.self)
            _ = attempts.next(value)
            if value == "poison" { throw KafkaPoisonMessage(reason: "malformed payload") }
            handled.append(value)
        }
        let deadLetters = Recorder<KafkaIncomingMessage>()
        var dlqConfiguration = try KafkaTestEnvironment.consumerConfiguration(
            group: KafkaTestEnvironment.uniqueName("poison-dlq-group"),
            topics: [KafkaConsumerConfiguration.deadLetterTopic(for: topic)])
        dlqConfiguration.deadLetterEnabled = false
        let dlqConsumer = try KafkaConsumer(configuration: dlqConfiguration, logger: logger) { deadLetters.append($0) }

        let poisonReport = try await withRunningServices([producer, consumer, dlqConsumer]) {
            let report = try await producer.send(
                KafkaOutgoingMessage(
                    topic: topic, key: "order-1", value: Array("poison".utf8),
                    headers: [KafkaHeader(key: "trace", string: "abc")]))
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "order-1", value: Array("next".utf8)))
            try await waitUntil("the message after the poison one") { handled.items.contains("next") }
            try await waitUntil("the dead letter") { deadLetters.count >= 1 }
            return report
        }

        #expect(attempts.attempts("poison") == 1, "poison messages are not retried")
        #expect(handled.items == ["next"])
        #expect(deadLetters.count == 1)
        let deadLetter = try #require(deadLetters.items.first)
        #expect(deadLetter.topic == "\(topic).dlq")
        #expect(deadLetter.keyString == "order-1")
        #expect(deadLetter.value == Array("poison".utf8))
        #expect(deadLetter.header("trace")?.stringValue == "abc")
        #expect(deadLetter.header("dlq_reason")?.stringValue == "malformed payload")
        #expect(deadLetter.header("dlq_original_topic")?.stringValue == topic)
        #expect(deadLetter.header("dlq_original_partition")?.stringValue == String(poisonReport.partition))
        #expect(deadLetter.header("dlq_original_offset")?.stringValue == String(poisonReport.offset))
    }

    @Test("a message failing every attempt is dead-lettered after maxAttempts")
    func exhaustedRetriesAreDeadLettered() async throws {
        let topic = KafkaTestEnvironment.uniqueName("exhausted")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1, withDeadLetter: true)
        let logger = KafkaTestEnvironment.logger("exhausted", level: .critical)
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let attempts = AttemptCounter()
        let handled = Recorder<String>()
        var configuration = try KafkaTestEnvironment.consumerConfiguration(
            group: KafkaTestEnvironment.uniqueName("exhausted-group"), topics: [topic])
        configuration.maxAttempts = 3
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger) { message in
            let value = String(decoding: message.value, as: UTF8.self)
            let attempt = attempts.next(value)
            if value == "doomed" { throw TransientFailure(attempt: attempt) }
            handled.append(value)
        }

        try await withRunningServices([producer, consumer]) {
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "k", value: Array("doomed".utf8)))
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "k", value: Array("fine".utf8)))
            try await waitUntil("the message after the doomed one") { handled.items.contains("fine") }
        }

        #expect(attempts.attempts("doomed") == 3)
        #expect(handled.items == ["fine"])
        let admin = try KafkaAdmin(bootstrapServers: try KafkaTestEnvironment.brokers(), logger: logger)
        let deadLettered = try await admin.endOffsets(of: KafkaConsumerConfiguration.deadLetterTopic(for: topic))
        #expect(deadLettered.values.reduce(0, +) == 1)
    }
}
