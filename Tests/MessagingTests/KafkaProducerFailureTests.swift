import Foundation
import Messaging
import Testing

@Suite("Kafka producer failures")
struct KafkaProducerFailureTests {
    /// Nothing listens on port 1 of the loopback interface.
    static let closedBroker = "127.0.0.1:1"

    @Test("isBrokerReachable is false quickly for a closed port and true for the test broker")
    func brokerReachability() async throws {
        let logger = KafkaTestEnvironment.logger("reachability", level: .critical)
        let closed = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: Self.closedBroker, clientID: "closed"), logger: logger)
        let clock = ContinuousClock()
        let started = clock.now
        let reachable = await closed.isBrokerReachable(timeout: .milliseconds(500))
        #expect(!reachable)
        // It gives up on the given timeout, not librdkafka's minute-long defaults (the bound is loose:
        // the whole suite runs in parallel on two cores).
        #expect(clock.now - started < .seconds(40))

        let open = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        #expect(await open.isBrokerReachable(timeout: .seconds(5)))
    }

    @Test("send with a short message timeout to an unreachable broker fails with a KafkaError")
    func sendTimesOut() async throws {
        let logger = KafkaTestEnvironment.logger("timeout", level: .critical)
        var configuration = KafkaProducerConfiguration(bootstrapServers: Self.closedBroker, clientID: "timeout")
        configuration.messageTimeout = .milliseconds(500)
        configuration.flushTimeoutOnShutdown = .milliseconds(200)
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        let clock = ContinuousClock()

        try await withRunningServices([producer]) {
            let started = clock.now
            let error = await #expect(throws: KafkaError.self) {
                try await producer.send(KafkaOutgoingMessage(topic: "nowhere", key: "k", value: [1, 2, 3]))
            }
            #expect(clock.now - started < .seconds(90))  // the 500 ms timeout, not the 300 s default (loose: a busy two-core run)
            #expect(error?.code == .timedOut, "got \(String(describing: error))")
            #expect(error?.isRetriable == true)

            let batch = await producer.send([
                KafkaOutgoingMessage(topic: "nowhere", value: [1]),
                KafkaOutgoingMessage(topic: "nowhere", value: [2]),
            ])
            #expect(batch.count == 2)
            for result in batch {
                #expect(throws: KafkaError.self) { try result.get() }
            }
        }
    }

    @Test("after shutdown, send fails with shutDown instead of hanging")
    func sendAfterShutdown() async throws {
        let logger = KafkaTestEnvironment.logger("after-shutdown")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        try await withRunningServices([producer]) {}

        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaOutgoingMessage(topic: "any", value: [1]))
        }
        #expect(error?.code == .shutDown)
        let batch = await producer.send([KafkaOutgoingMessage(topic: "any", value: [1])])
        #expect(throws: KafkaError.self) { try batch[0].get() }
        await #expect(throws: KafkaError.self) { try await producer.run() }
    }

    @Test("an unknown librdkafka property is a configuration error")
    func invalidProperty() throws {
        var configuration = try KafkaTestEnvironment.producerConfiguration()
        configuration.properties = ["no.such.property": "1"]
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: KafkaTestEnvironment.logger("config"))
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("no.such.property") == true)
    }
}
