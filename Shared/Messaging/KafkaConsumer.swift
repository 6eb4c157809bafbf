import Logging
import ServiceLifecycle
import Synchronization

/// A consumer-group member run as a `Service`, with at-least-once handling.
///
/// `run()` subscribes and then, one message at a time (so in partition order), calls the handler:
/// - success: the offset is stored (committed every `autoCommitInterval` and on shutdown);
/// - `KafkaPoisonMessage`: the message goes straight to `<topic>.dlq`, then its offset is stored;
/// - any other error: retried with exponential backoff up to `maxAttempts`, then dead-lettered.
/// If dead-lettering fails it is retried until it succeeds or the consumer stops; the offset is
/// never stored for a message that was neither handled nor dead-lettered, so it is redelivered.
///
/// On graceful shutdown (or cancellation) the message in hand is finished (a pending retry is
/// abandoned, to be redelivered), stored offsets are committed and the consumer leaves its group.
/// Polling never blocks: an idle consumer waits for librdkafka's wake-up (`ConsumerWakeUp`); commit
/// and close run on the consumer's own serial queue, off the cooperative pool.
public final class KafkaConsumer: Service, Sendable {
    public typealias Handler = @Sendable (KafkaIncomingMessage) async throws -> Void
    /// Handles several already-fetched messages at once (in partition order), all or nothing.
    public typealias BatchHandler = @Sendable ([KafkaIncomingMessage]) async throws -> Void

    private enum State {
        case idle
        case running
        case finished
    }

    let configuration: KafkaConsumerConfiguration
    let logger: Logger
    let handler: Handler
    let batchHandler: BatchHandler?
    let client: RDKafkaClient
    let deadLetterProducer: KafkaProducer?
    private let wakeUp = ConsumerWakeUp()
    private let state = Mutex(State.idle)
    private let stopRequested = Atomic<Bool>(false)

    /// - Parameters:
    ///   - batchHandler: optional; when given, messages already fetched are handed to it together
    ///     (fewer round trips for the handler's work). If it throws, the batch is handled again one
    ///     message at a time by `handler`, with its retries and dead-lettering, so one bad message
    ///     never blocks or loses the others.
    public init(
        configuration: KafkaConsumerConfiguration, logger: Logger,
        batchHandler: BatchHandler? = nil,
        handler: @escaping @Sendable (KafkaIncomingMessage) async throws -> Void
    ) throws {
        guard !configuration.topics.isEmpty else {
            throw KafkaError(code: .configuration, message: "a consumer needs at least one topic")
        }
        guard configuration.maxAttempts >= 1 else {
            throw KafkaError(code: .configuration, message: "maxAttempts must be at least 1")
        }
        var logger = logger
        logger[metadataKey: "kafka.group"] = "\(configuration.groupID)"
        self.configuration = configuration
        self.logger = logger
        self.handler = handler
        self.batchHandler = batchHandler
        self.client = try RDKafkaClient(
            kind: .consumer, properties: configuration.librdkafkaProperties, logger: logger,
            deliveryReports: false, errors: true)
        client.redirectMainQueueToConsumer()
        self.deadLetterProducer =
            configuration.deadLetterEnabled
            ? try KafkaProducer(configuration: configuration.deadLetterProducerConfiguration, logger: logger)
            : nil
    }

    public func run() async throws {
        try state.withLock { state in
            guard case .idle = state else {
                throw KafkaError(code: .invalidState, message: "KafkaConsumer.run() may only be called once")
            }
            state = .running
        }
        defer { state.withLock { $0 = .finished } }

        try client.subscribe(to: configuration.topics)
        wakeUp.attach(to: client)
        logger.info("Kafka consumer subscribed", metadata: ["kafka.topics": "\(configuration.topics)"])

        let deadLetterProducer = self.deadLetterProducer
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let deadLetterProducer {
                group.addTask { try await deadLetterProducer.runDeliveryLoop() }
            }
            var loopError: (any Error)?
            do {
                try await withTaskCancellationHandler {
                    try await withGracefulShutdownHandler {
                        try await consumeUntilStopped()
                    } onGracefulShutdown: {
                        self.requestStop()
                    }
                } onCancel: {
                    self.requestStop()
                }
            } catch {
                loopError = error
            }
            await closeConsumer()
            deadLetterProducer?.requestStop()
            try await group.waitForAll()
            if let loopError { throw loopError }
        }
    }

    // MARK: - Loop

    var shouldStop: Bool {
        stopRequested.load(ordering: .acquiring)
    }

    private func requestStop() {
        stopRequested.store(true, ordering: .releasing)
        wakeUp.signal()
    }

    /// How long an idle consumer waits before polling again without a wake-up.
    private static let idleWait = Duration.milliseconds(500)

    private func consumeUntilStopped() async throws {
        let client = self.client
        let batchSize = batchHandler == nil ? 1 : max(1, configuration.maxBatchSize)
        var polledAhead: [RDKafkaClient.PollResult]?
        while !shouldStop {
            let polled = polledAhead ?? client.consumerPollBatch(timeoutMilliseconds: 0, maxMessages: batchSize)
            polledAhead = nil
            if polled.isEmpty {
                await wakeUp.wait(upTo: Self.idleWait)
                continue
            }
            var messages: [KafkaIncomingMessage] = []
            var pollError: KafkaError?
            for result in polled {
                switch result {
                case .nothing: break
                case .message(let message): messages.append(message)
                case .error(let error): pollError = error
                }
            }
            if !messages.isEmpty {
                // A batch consumer fetches the next batch while this one is handled (copying records out
                // of librdkafka is otherwise time the handler's database sits idle). Its records are
                // only handled, and their offsets stored, after this batch's.
                if batchHandler != nil {
                    async let handled = processBatch(messages)
                    polledAhead = client.consumerPollBatch(timeoutMilliseconds: 0, maxMessages: batchSize)
                    guard await handled else { return }
                } else {
                    guard await processBatch(messages) else { return }
                }
            }
            if let pollError {
                if pollError.isFatal {
                    logger.critical("Kafka consumer failed", metadata: ["error": "\(pollError)"])
                    throw pollError
                }
                logger.warning("Kafka consumer error", metadata: ["error": "\(pollError)"])
            }
        }
    }

    private func closeConsumer() async {
        wakeUp.detach()
        let client = self.client
        let (commitError, closeError) = await client.queue.run { (client.commitStoredOffsets(), client.closeConsumer()) }
        if let commitError {
            logger.warning("Kafka consumer final commit failed", metadata: ["error": "\(commitError)"])
        }
        if let closeError {
            logger.warning("Kafka consumer close failed", metadata: ["error": "\(closeError)"])
        }
        logger.info("Kafka consumer stopped")
    }
}
