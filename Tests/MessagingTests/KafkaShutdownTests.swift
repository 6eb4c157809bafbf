import Foundation
import Messaging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Kafka graceful shutdown")
struct KafkaShutdownTests {
    @Test("shutdown finishes the message in hand, commits it, and returns promptly")
    func shutdownFinishesMessageInHand() async throws {
        let topic = KafkaTestEnvironment.uniqueName("shutdown")
        let group = KafkaTestEnvironment.uniqueName("shutdown-group")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1)
        let logger = KafkaTestEnvironment.logger("shutdown")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let configuration = try KafkaTestEnvironment.consumerConfiguration(group: group, topics: [topic])

        let started = Recorder<String>()
        let finished = Recorder<String>()
        let shutdownBegun = Atomic<Bool>(false)
        let slow = try KafkaConsumer(configuration: configuration, logger: logger) { message in
            let value = String(decoding: message.value, as: UTF8.self)
            started.append(value)
            // Held until shutdown has begun (a fixed sleep let a slow machine finish it, and start the next,
            // before the test got to shut down), then a little longer. Not cancellable on purpose: graceful
            // shutdown must wait for it, not cancel it.
            let holdUntil = ContinuousClock.now + .seconds(20)
            while !shutdownBegun.load(ordering: .acquiring), ContinuousClock.now < holdUntil {
                try? await Task.sleep(for: .milliseconds(10))
            }
            try? await Task.sleep(for: .seconds(1))
            if Task.isCancelled { return }
            finished.append(value)
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [producer, slow], logger: logger))
        let clock = ContinuousClock()
        let elapsed = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await serviceGroup.run() }
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "k", value: Array("slow".utf8)))
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: "k", value: Array("later".utf8)))
            try await waitUntil("the slow handler to start") { started.count >= 1 }
            let shutdownStarted = clock.now
            await serviceGroup.triggerGracefulShutdown()
            shutdownBegun.store(true, ordering: .releasing)
            try await tasks.waitForAll()
            return clock.now - shutdownStarted
        }
        #expect(elapsed < .seconds(25), "graceful shutdown took \(elapsed)")
        #expect(started.items == ["slow"], "no new message may start after shutdown began")
        #expect(finished.items == ["slow"], "the message in hand must be finished")

        // The finished message's offset was committed: the group resumes after it.
        let resumed = Recorder<String>()
        let next = try KafkaConsumer(configuration: configuration, logger: logger) {
            resumed.append(String(decoding: $0.value, as: UTF8.self))
        }
        try await withRunningServices([next]) {
            try await waitUntil("the message after the slow one") { resumed.count >= 1 }
            try await Task.sleep(for: .seconds(1))
        }
        #expect(resumed.items == ["later"])
    }

    @Test("an idle producer and consumer shut down promptly via ServiceGroup")
    func idleShutdownIsPrompt() async throws {
        let topic = KafkaTestEnvironment.uniqueName("idle")
        try await KafkaTestEnvironment.createTopics([topic], partitions: 1)
        let logger = KafkaTestEnvironment.logger("idle")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(), logger: logger)
        let consumer = try KafkaConsumer(
            configuration: KafkaTestEnvironment.consumerConfiguration(
                group: KafkaTestEnvironment.uniqueName("idle-group"), topics: [topic]),
            logger: logger
        ) { _ in }
        try await withRunningServices([producer, consumer], shutdownLimit: .seconds(25)) {
            try await Task.sleep(for: .milliseconds(500))
        }
    }
}
