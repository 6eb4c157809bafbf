import Contracts
import Foundation
import Logging
import Messaging
import Metrics
import Postgres
import ServiceLifecycle

/// Publishes outbox rows to the broker in `seq` order and marks them published.
///
/// At least once: a row is marked only after its delivery report says the broker has it; a crash
/// in between publishes it again, and consumers' inboxes drop the copy. While the broker is down
/// the relay retries with backoff and writes keep succeeding into the outbox.
public final class OutboxRelay: Service, Sendable {
    /// What one pass over the outbox did.
    public struct PassResult: Sendable, Equatable {
        public var published: Int
        public var failed: Int
        /// False when another instance holds the relay lock.
        public var ranAsLeader: Bool
    }

    private let pool: PostgresPool
    private let producer: KafkaProducer
    private let configuration: OutboxRelayConfiguration
    private let logger: Logger
    private let publishedCounter: Counter
    private let failedCounter: Counter

    public init(
        pool: PostgresPool, producer: KafkaProducer, configuration: OutboxRelayConfiguration,
        logger: Logger
    ) {
        self.pool = pool
        self.producer = producer
        self.configuration = configuration
        self.logger = logger
        let dimensions = [("schema", configuration.schema)]
        self.publishedCounter = Counter(label: "qinqing_outbox_published_total", dimensions: dimensions)
        self.failedCounter = Counter(label: "qinqing_outbox_publish_failures_total", dimensions: dimensions)
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    private func loop() async {
        var backoff = configuration.initialBackoff
        var lastCleanup = ContinuousClock.now
        var wakeUp = OutboxWakeUp(pool: pool, schema: configuration.schema, logger: logger)
        while !Task.isCancelled {
            do {
                let pass = try await publishPending()
                if pass.failed > 0 {
                    try await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, configuration.maximumBackoff)
                    continue
                }
                backoff = configuration.initialBackoff
                if pass.published < configuration.batchSize {
                    try await wakeUp.wait(
                        notified: configuration.notifiedIdleInterval, polling: configuration.idleInterval)
                }
            } catch {
                if Task.isCancelled { break }
                logger.warning("outbox relay pass failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, configuration.maximumBackoff)
            }
            if ContinuousClock.now - lastCleanup >= configuration.cleanupInterval {
                lastCleanup = ContinuousClock.now
                await purgeExpired()
            }
        }
        await wakeUp.close()
    }

    /// Publishes one batch of unpublished rows; safe to call from several instances at once.
    @discardableResult
    public func publishPending() async throws -> PassResult {
        let lockName = "qinqing.outbox-relay.\(configuration.schema)"
        let batchSize = configuration.batchSize
        let producer = self.producer
        let result = try await pool.withTransaction { connection -> PassResult in
            let lock = try await connection.query(
                "SELECT pg_try_advisory_xact_lock(hashtext(\(lockName))) AS locked")
            guard let row = lock.first, try row.decode("locked", as: Bool.self) else {
                return PassResult(published: 0, failed: 0, ranAsLeader: false)
            }
            let rows = try await connection.query(
                """
                SELECT seq, event_id, topic, record_key, event_type, source, occurred_at, payload
                FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT \(batchSize)
                """)
            let pending = try rows.map(PendingEvent.init(row:))
            guard !pending.isEmpty else { return PassResult(published: 0, failed: 0, ranAsLeader: true) }

            let reports = await producer.send(pending.map(\.message))
            let outcome = PublishOutcome(pending: pending, reports: reports)
            if !outcome.published.isEmpty {
                try await connection.execute(
                    "UPDATE outbox SET published_at = now() WHERE seq = ANY(\(outcome.published))")
            }
            if !outcome.failed.isEmpty {
                try await connection.execute(
                    """
                    UPDATE outbox SET attempts = attempts + 1, last_error = \(outcome.firstError)
                    WHERE seq = ANY(\(outcome.failed))
                    """)
            }
            return PassResult(
                published: outcome.published.count, failed: outcome.failed.count, ranAsLeader: true)
        }
        publishedCounter.increment(by: result.published)
        if result.failed > 0 {
            failedCounter.increment(by: result.failed)
            logger.warning(
                "outbox events not published; will retry",
                metadata: ["failed": "\(result.failed)", "published": "\(result.published)"])
        }
        return result
    }

    private func purgeExpired() async {
        do {
            let removed = try await OutboxMaintenance(pool: pool).purgePublished(
                olderThan: configuration.retention)
            if removed > 0 {
                logger.info("purged published outbox rows", metadata: ["rows": "\(removed)"])
            }
        } catch {
            logger.warning("outbox retention purge failed", metadata: ["error": "\(error)"])
        }
    }
}
