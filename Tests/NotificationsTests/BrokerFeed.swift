import Contracts
import Foundation
import Logging
import Messaging
@testable import NotificationsApp
import TestSupport

/// Records put on the test's broker as a producing service's relay would put them, after the topics
/// notifications consumes (and their dead-letter topics) exist.
struct BrokerFeed {
    private let producer: KafkaProducer
    private let task: Task<Void, any Error>

    init(clientID: String) async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let logger = Logger(label: "test.\(clientID)")
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: logger)
        for topic in NotificationsService.consumedTopics {
            try await admin.createTopics([topic.name], partitions: 6)
            try await admin.createTopics([topic.deadLetter.name], partitions: 1)
        }
        var configuration = KafkaProducerConfiguration(bootstrapServers: brokers, clientID: clientID)
        configuration.properties["topic.metadata.refresh.interval.ms"] = "500"
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        self.producer = producer
        self.task = Task { try await producer.run() }
    }

    func produce(_ envelope: EventEnvelope) async throws {
        _ = try await producer.send(
            KafkaOutgoingMessage(
                topic: envelope.topic.name, key: envelope.key, value: Array(envelope.data),
                headers: envelope.headers.map { KafkaHeader(key: $0.name, string: $0.value) }))
    }

    func stop() {
        task.cancel()
    }
}
