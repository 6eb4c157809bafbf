import Foundation
import Messaging
import Testing

@Suite("Kafka consumer group offsets")
struct KafkaConsumerGroupTests {
    @Test("a second consumer in the same group only gets messages produced after the first stopped")
    func secondConsumerResumesFromCommittedOffsets() async throws {
        let topic = KafkaTestEnvironment.uniqueName("offsets")
        let group = KafkaTestEnvironment.uniqueName("offsets-group")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 2)
        let logger = KafkaTestEnvironment.logger("offsets")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let configuration = try KafkaTestEnvironment.consumerConfiguration(group: group, topics: [topic])

        let old = (0..<6).map { KafkaOutgoingMessage(topic: topic, key: "k\($0 % 3)", value: Array("old-\($0)".utf8)) }
        let new = (0..<4).map { KafkaOutgoingMessage(topic: topic, key: "k\($0 % 3)", value: Array("new-\($0)".utf8)) }
        let first = Recorder<String>()
        let second = Recorder<String>()

        try await withRunningServices([producer]) {
            for result in await producer.send(old) { _ = try result.get() }

            let consumerA = try KafkaConsumer(configuration: configuration, logger: logger) {
                first.append(String(decoding: $0.value, as: UTF8.self))
            }
            try await withRunningServices([consumerA]) {
                try await waitUntil("the first consumer to see the old messages") { first.count >= old.count }
            }

            for result in await producer.send(new) { _ = try result.get() }

            let consumerB = try KafkaConsumer(configuration: configuration, logger: logger) {
                second.append(String(decoding: $0.value, as: UTF8.self))
            }
            try await withRunningServices([consumerB]) {
                try await waitUntil("the second consumer to see the new messages") { second.count >= new.count }
                // Give anything old (wrongly) redelivered time to show up.
                try await Task.sleep(for: .seconds(1.5))
            }
        }

        #expect(Set(first.items) == Set(old.map { String(decoding: $0.value, as: UTF8.self) }))
        #expect(first.count == old.count)
        #expect(Set(second.items) == Set(new.map { String(decoding: $0.value, as: UTF8.self) }))
        #expect(second.count == new.count, "second consumer saw \(second.items)")
    }
}
