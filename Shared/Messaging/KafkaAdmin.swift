import Logging

/// Creates topics explicitly (services at start-up; tests). Holds its own client connection.
public struct KafkaAdmin: Sendable {
    private let client: RDKafkaClient
    private let logger: Logger

    public init(bootstrapServers: String, logger: Logger) throws {
        self.logger = logger
        self.client = try RDKafkaClient(
            kind: .producer,
            properties: [("bootstrap.servers", bootstrapServers), ("client.id", "qinqing-admin")],
            logger: logger, deliveryReports: false, errors: false)
    }

    /// Creates the topics ("already exists" counts as success) and waits until the cluster's
    /// metadata lists them, so they can be produced to and subscribed at once.
    public func createTopics(
        _ names: [String], partitions: Int32, replicationFactor: Int16 = 1, timeout: Duration = .seconds(15)
    ) async throws {
        guard !names.isEmpty else { return }
        let client = self.client
        let timeoutMilliseconds = timeout.timeoutMilliseconds
        let failures = try await client.queue.run {
            try client.createTopics(
                names, partitions: partitions, replicationFactor: replicationFactor,
                timeoutMilliseconds: timeoutMilliseconds)
        }
        if let failure = failures.values.first { throw failure }
        logger.debug("Kafka topics created", metadata: ["kafka.topics": "\(names)"])
        try await waitUntilVisible(Set(names), timeout: timeout)
    }

    /// The end offset (high watermark: the offset the next record will get) of each partition of
    /// `topic`. The sum is the number of records ever written to it.
    public func endOffsets(of topic: String, timeout: Duration = .seconds(5)) async throws -> [Int32: Int64] {
        let client = self.client
        let timeoutMilliseconds = timeout.timeoutMilliseconds
        return try await client.queue.run { try client.highWatermarks(topic: topic, timeoutMilliseconds: timeoutMilliseconds) }
    }

    private func waitUntilVisible(_ names: Set<String>, timeout: Duration) async throws {
        let client = self.client
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lastError: KafkaError?
        while clock.now < deadline {
            do {
                let counts = try await client.queue.run { try client.partitionCounts(of: names, timeoutMilliseconds: 5_000) }
                if names.allSatisfy({ (counts[$0] ?? 0) > 0 }) { return }
            } catch let error as KafkaError {
                lastError = error
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw lastError ?? KafkaError(code: .timedOut, message: "topics \(names.sorted()) did not appear in metadata", isRetriable: true)
    }
}
