import Foundation
import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Messaging's test helpers: Kafka clients on the test's broker.
enum KafkaTestEnvironment {
    /// The test broker; also fails fast (instead of timing out) when the loaded librdkafka
    /// cannot talk to tansu.
    static func brokers() throws -> String {
        try Librdkafka.requireAtLeast2_2()
        return try TestEnvironment.kafkaBrokers()
    }

    static func uniqueName(_ prefix: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "\(prefix)-\(String((0..<10).map { _ in alphabet.randomElement()! }))"
    }

    static func logger(_ label: String, level: Logger.Level = .notice) -> Logger {
        var logger = Logger(label: "test.\(label)")
        logger.logLevel = level
        return logger
    }

    /// Creates `topics` (and, when asked, their `.dlq` topics) on the test broker.
    static func createTopics(_ topics: [String], partitions: Int32, withDeadLetter: Bool = false) async throws {
        let admin = try KafkaAdmin(bootstrapServers: try brokers(), logger: logger("admin"))
        let all = withDeadLetter ? topics + topics.map(KafkaConsumerConfiguration.deadLetterTopic(for:)) : topics
        // The suite's broker serves every suite at once; on a busy run its metadata answers can stall
        // past the admin's 15 s default.
        try await admin.createTopics(all, partitions: partitions, timeout: .seconds(60))
    }

    static func producerConfiguration(clientID: String = "messaging-tests") throws -> KafkaProducerConfiguration {
        var configuration = KafkaProducerConfiguration(bootstrapServers: try brokers(), clientID: clientID)
        configuration.metadataRefreshInterval = .seconds(1)
        return configuration
    }

    static func consumerConfiguration(group: String, topics: [String]) throws -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: try brokers(), groupID: group, topics: topics)
        configuration.metadataRefreshInterval = .seconds(1)
        configuration.retryBackoff = .milliseconds(20)
        return configuration
    }
}

/// Thread-safe list of what handlers saw.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    var items: [Element] {
        storage.withLock { $0 }
    }

    var count: Int {
        storage.withLock { $0.count }
    }
}

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls `condition` until it holds or `timeout` passes.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(30), _ condition: @Sendable () -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !condition() {
        guard clock.now < deadline else { throw TimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// Runs `services` in a ServiceGroup for the duration of `body`, then shuts the group down
/// gracefully and waits for it (failing if that takes longer than `shutdownLimit`: a bound that tells
/// "returns" from "hangs", loose because the suite shares two cores; 25 s stays inside Kubernetes's 30 s grace).
func withRunningServices<T: Sendable>(
    _ services: [any Service], shutdownLimit: Duration = .seconds(45),
    _ body: @Sendable () async throws -> T
) async throws -> T {
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(services: services, logger: KafkaTestEnvironment.logger("group")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        let clock = ContinuousClock()
        let started = clock.now
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        let elapsed = clock.now - started
        #expect(elapsed < shutdownLimit, "graceful shutdown took \(elapsed)")
        return try result.get()
    }
}
