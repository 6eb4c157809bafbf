import Foundation
import Messaging
import Testing

@Suite("Kafka dead-lettering failures")
struct KafkaDeadLetterFailureTests {
    @Test("when dead-lettering fails the offset is not stored and the message is redelivered later")
    func failedDeadLetteringDoesNotLoseTheMessage() async throws {
        let topic = KafkaTestEnvironment.uniqueName("dlqdown")
        let group = KafkaTestEnvironment.uniqueName("dlqdown-group")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1)  // no .dlq topic yet
        let logger = KafkaTestEnvironment.logger("dlqdown", level: .critical)
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        var configuration = try KafkaTestEnvironment.consumerConfiguration(group: group, topics: [topic])
        configuration.maxRetryBackoff = .milliseconds(100)
        configuration.deadLetterProducerProperties = ["message.timeout.ms": "500"]
        let consumerConfiguration = configuration
        // Once the dead-letter topic exists, the next consumer dead-letters with the default timeout (a
        // 500 ms one can expire on a busy run before the new topic's metadata arrives).
        configuration.deadLetterProducerProperties = [:]
        let resumedConfiguration = configuration

        let attempts = AttemptCounter()
        let handled = Recorder<String>()
        let handler: @Sendable (KafkaIncomingMessage) async throws -> Void = { message in
            let value = String(decoding: message.value, as: UTF8.self)
            _ = attempts.next(value)
            if value == "poison" { throw KafkaPoisonMessage(reason: "bad") }
            handled.append(value)
        }

        try await withRunningServices([producer]) {
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "k", value: Array("poison".utf8)))
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "k", value: Array("next".utf8)))

            let blocked = try KafkaConsumer(configuration: consumerConfiguration, logger: logger, handler: handler)
            try await withRunningServices([blocked], shutdownLimit: .seconds(25)) {
                try await waitUntil("the poison message to be seen") { attempts.attempts("poison") >= 1 }
                try await Task.sleep(for: .seconds(3))
            }
            #expect(attempts.attempts("poison") == 1)
            #expect(handled.items.isEmpty, "the consumer must not move past a message it could not dead-letter")

            try await KafkaTestEnvironment.createTopics([KafkaConsumerConfiguration.deadLetterTopic(for: topic)], partitions: 1)
            let resumed = try KafkaConsumer(configuration: resumedConfiguration, logger: logger, handler: handler)
            try await withRunningServices([resumed]) {
                // A new member joining the group may wait out the old one's session on a busy run.
                try await waitUntil("the message after the poison one", timeout: .seconds(90)) { handled.items.contains("next") }
            }
        }

        #expect(attempts.attempts("poison") == 2, "the poison message is redelivered to the next consumer")
        #expect(handled.items == ["next"])
        let admin = try KafkaAdmin(bootstrapServers: try KafkaTestEnvironment.brokers(), logger: logger)
        let deadLettered = try await admin.endOffsets(of: KafkaConsumerConfiguration.deadLetterTopic(for: topic), timeout: .seconds(30))
        #expect(deadLettered.values.reduce(0, +) == 1)
    }
}
