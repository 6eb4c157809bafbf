import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// An idempotent (`enable.idempotence=true`, `acks=all`) producer, run as a `Service`.
///
/// `send` enqueues and then awaits the record's delivery report; reports are served by the poll
/// loop of `run()`, on a dedicated thread. Until `run()` has started, sends are queued but do not
/// resolve. After `run()` has finished, sends fail with `KafkaError.Code.shutDown`.
public final class KafkaProducer: Service, Sendable {
    private enum State {
        case idle
        case running
        case finished
    }

    private let client: RDKafkaClient
    private let configuration: KafkaProducerConfiguration
    private let logger: Logger
    private let state = Mutex(State.idle)
    private let stopRequested = Atomic<Bool>(false)

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        self.client = try RDKafkaClient(
            kind: .producer, properties: configuration.librdkafkaProperties, logger: logger,
            deliveryReports: true, errors: true)
    }

    /// Enqueues `message` and returns once the broker acknowledged it (or throws a `KafkaError`
    /// once it definitely failed, at the latest after `messageTimeout`).
    public func send(_ message: KafkaOutgoingMessage) async throws -> KafkaDeliveryReport {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<KafkaDeliveryReport, any Error>) in
            let completion = DeliveryCompletion { continuation.resume(with: $0.mapError { $0 as any Error }) }
            if let error = enqueue(message, completion: completion) {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Enqueues all messages in order and awaits all their delivery reports; result `i` belongs to
    /// message `i`. If a message cannot be enqueued, it and all later ones fail with that error
    /// (so no later message overtakes it).
    public func send(_ messages: [KafkaOutgoingMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>] {
        guard !messages.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            let batch = DeliveryBatch(count: messages.count) { continuation.resume(returning: $0) }
            var enqueueError: KafkaError?
            for (index, message) in messages.enumerated() {
                if enqueueError == nil {
                    enqueueError = enqueue(message, completion: DeliveryCompletion { batch.record($0, at: index) })
                }
                if let enqueueError { batch.record(.failure(enqueueError), at: index) }
            }
        }
    }

    /// Whether a broker answers a metadata request within `timeout` (for readiness checks).
    public func isBrokerReachable(timeout: Duration) async -> Bool {
        let client = self.client
        let error = await client.queue.run { client.requestMetadata(timeoutMilliseconds: timeout.timeoutMilliseconds) }
        if let error { logger.debug("Kafka broker not reachable", metadata: ["error": "\(error)"]) }
        return error == nil
    }

    /// Serves delivery reports on a dedicated thread until graceful shutdown or cancellation,
    /// then flushes (up to `flushTimeoutOnShutdown`) and purges what is left, failing those sends
    /// with `KafkaError.Code.shutDown`.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await runDeliveryLoop()
            } onGracefulShutdown: {
                self.requestStop()
            }
        } onCancel: {
            self.requestStop()
        }
    }

    // MARK: - Internal (used by KafkaConsumer for its dead-letter producer)

    /// `run()` without the lifecycle hooks: stops only when `requestStop()` is called.
    func runDeliveryLoop() async throws {
        try state.withLock { state in
            guard case .idle = state else {
                throw KafkaError(code: .invalidState, message: "KafkaProducer.run() may only be called once")
            }
            state = .running
        }
        logger.debug("Kafka producer started", metadata: ["kafka.client": "\(configuration.clientID)"])
        await pollUntilStopped()
        await shutDown()
    }

    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
    }

    // MARK: - Private

    private func enqueue(_ message: KafkaOutgoingMessage, completion: DeliveryCompletion) -> KafkaError? {
        // Produce under the lock so that shutdown cannot purge between the state check and the
        // enqueue (rd_kafka_produceva does not block).
        state.withLock { state in
            if case .finished = state {
                return KafkaError(code: .shutDown, message: "the producer has shut down")
            }
            return client.produce(message, completion: completion)
        }
    }

    private func pollUntilStopped() async {
        let client = self.client
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                // Named from inside, so the kernel's thread name (what ps and gdb show) is set too.
                Thread.current.name = "kafka-poll"
                while !self.stopRequested.load(ordering: .acquiring) {
                    client.poll(timeoutMilliseconds: 100)
                }
                continuation.resume()
            }
        }
    }

    private func shutDown() async {
        state.withLock { $0 = .finished }
        let client = self.client
        let flushTimeout = configuration.flushTimeoutOnShutdown.timeoutMilliseconds
        let purged = await client.queue.run { () -> Int32 in
            if client.flush(timeoutMilliseconds: flushTimeout) { return 0 }
            let remaining = client.outQueueLength
            client.purgeOutstandingMessages()
            // Serve the purge delivery reports so every pending send resumes.
            for _ in 0..<50 where client.outQueueLength > 0 {
                client.poll(timeoutMilliseconds: 100)
            }
            client.poll(timeoutMilliseconds: 0)
            return remaining
        }
        if purged > 0 {
            logger.warning(
                "Kafka producer purged undelivered messages on shutdown",
                metadata: ["kafka.client": "\(configuration.clientID)", "kafka.purged": "\(purged)"])
        }
        logger.debug("Kafka producer stopped", metadata: ["kafka.client": "\(configuration.clientID)"])
    }
}
