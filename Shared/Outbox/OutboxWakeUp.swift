import Logging
import Postgres

/// Lets the relay sleep until a transaction that wrote events commits (the outbox's trigger
/// NOTIFYs `qinqing_outbox_<schema>`), falling back to short polling while no LISTEN session can
/// be had (it retries opening one every few seconds).
struct OutboxWakeUp: Sendable {
    private let pool: PostgresPool
    private let channel: String
    private let logger: Logger
    private var listener: PostgresListener?
    private var nextAttempt = ContinuousClock.now

    init(pool: PostgresPool, schema: String, logger: Logger) {
        self.pool = pool
        self.channel = "qinqing_outbox_\(schema)"
        self.logger = logger
    }

    mutating func wait(notified: Duration, polling: Duration) async throws {
        if listener == nil, ContinuousClock.now >= nextAttempt {
            do {
                listener = try await PostgresListener.listen(configuration: pool.configuration, channel: channel, logger: logger)
            } catch {
                nextAttempt = ContinuousClock.now + .seconds(5)
            }
        }
        guard let listener else {
            try await Task.sleep(for: polling)
            return
        }
        do {
            _ = try await listener.wait(timeout: notified)
        } catch {
            logger.notice("outbox LISTEN session lost; polling until it is back", metadata: ["error": "\(error)"])
            await listener.close()
            self.listener = nil
            try await Task.sleep(for: polling)
        }
    }

    func close() async {
        await listener?.close()
    }
}
