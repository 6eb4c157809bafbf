import Foundation
import Messaging
import Testing

@Suite("Kafka produce and consume round trip")
struct KafkaRoundTripTests {
    @Test("keyed messages with headers arrive intact and in order per key")
    func keyedMessagesArriveInOrderPerKey() async throws {
        let topic = KafkaTestEnvironment.uniqueName("roundtrip")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 3)
        let logger = KafkaTestEnvironment.logger("roundtrip")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let received = Recorder<KafkaIncomingMessage>()
        let consumer = try KafkaConsumer(
            configuration: KafkaTestEnvironment.consumerConfiguration(
                group: KafkaTestEnvironment.uniqueName("roundtrip-group"), topics: [topic]),
            logger: logger
        ) { received.append($0) }

        let keys = ["alpha", "bravo", "charlie", "delta", "echo"]
        let sent = (0..<8).flatMap { sequence in
            keys.map { key in
                KafkaOutgoingMessage(
                    topic: topic, key: key, value: Array("\(key)-\(sequence)".utf8),
                    headers: [
                        KafkaHeader(key: "sequence", string: String(sequence)),
                        KafkaHeader(key: "binary", value: [0, 255, UInt8(sequence)]),
                        KafkaHeader(key: "empty", value: []),
                    ])
            }
        }

        let reports = try await withRunningServices([producer, consumer]) {
            var reports: [KafkaDeliveryReport] = []
            for message in sent.prefix(20) {
                reports.append(try await producer.send(message))
            }
            let batch = await producer.send(Array(sent.dropFirst(20)))
            reports += try batch.map { try $0.get() }
            try await waitUntil("all \(sent.count) messages consumed") { received.count >= sent.count }
            return reports
        }

        // Delivery reports: one per message, the right topic, a stable partition per key and
        // increasing offsets per key.
        #expect(reports.count == sent.count)
        #expect(reports.allSatisfy { $0.topic == topic })
        for key in keys {
            let keyed = zip(sent, reports).filter { $0.0.key == Array(key.utf8) }.map(\.1)
            #expect(Set(keyed.map(\.partition)).count == 1, "key \(key) spread over partitions")
            #expect(keyed.map(\.offset) == keyed.map(\.offset).sorted())
        }

        let messages = received.items
        #expect(messages.count == sent.count)
        for key in keys {
            let got = messages.filter { $0.keyString == key }
            let expected = sent.filter { $0.key == Array(key.utf8) }
            #expect(got.map(\.value) == expected.map(\.value), "values of key \(key) out of order or missing")
            #expect(got.map(\.headers) == expected.map(\.headers))
            #expect(Set(got.map(\.partition)).count == 1)
        }
        #expect(messages.allSatisfy { $0.topic == topic && $0.timestamp != nil })
        let sample = try #require(messages.first)
        #expect(sample.header("binary")?.value.prefix(2) == [0, 255])
        #expect(sample.header("missing") == nil)
    }

    @Test("a message without key or headers round-trips")
    func unkeyedMessage() async throws {
        let topic = KafkaTestEnvironment.uniqueName("unkeyed")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1)
        let logger = KafkaTestEnvironment.logger("unkeyed")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let received = Recorder<KafkaIncomingMessage>()
        let consumer = try KafkaConsumer(
            configuration: KafkaTestEnvironment.consumerConfiguration(
                group: KafkaTestEnvironment.uniqueName("unkeyed-group"), topics: [topic]),
            logger: logger
        ) { received.append($0) }

        let report = try await withRunningServices([producer, consumer]) {
            let report = try await producer.send(KafkaOutgoingMessage(topic: topic, value: Array("hello".utf8)))
            try await waitUntil("the message") { received.count >= 1 }
            return report
        }
        let message = try #require(received.items.first)
        #expect(message.key == nil)
        #expect(message.headers.isEmpty)
        #expect(message.value == Array("hello".utf8))
        #expect(message.offset == report.offset)
        #expect(message.partition == report.partition)
    }
}
