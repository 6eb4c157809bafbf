import Logging
import Synchronization

/// A bounded pool of libpq connections.
///
/// Connections open lazily, up to `poolSize`; when all are busy, callers wait in FIFO order.
/// A connection found broken is discarded and its slot reopened on demand, so the pool recovers
/// by itself once the database is back. While the database is down, acquiring fails at once
/// with `.connectionFailed` (after libpq's connect timeout at most).
public final class PostgresPool: Sendable {
    public let configuration: PostgresConfiguration
    private let logger: Logger
    private let state: Mutex<PostgresPoolState>

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(PostgresPoolState(capacity: configuration.poolSize))
    }

    /// Lends a connection to `body` and takes it back afterwards, rolling back any transaction
    /// `body` left open. `body` runs in the caller's isolation (`nonisolated(nonsending)`), so an
    /// actor may touch its own state inside it.
    nonisolated(nonsending) public func withConnection<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire()
        let result: Result<T, any Error>
        do {
            result = .success(try await body(connection))
        } catch {
            result = .failure(error)
        }
        await release(connection)
        return try result.get()
    }

    /// Runs `body` between `BEGIN` and `COMMIT`; rolls back and rethrows when it throws.
    /// Throws `.transactionAborted` when `body` swallowed an error and the server rolled back.
    nonisolated(nonsending) public func withTransaction<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.runScript("BEGIN", cancellable: true)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                _ = try? await connection.runScript("ROLLBACK", cancellable: false)
                throw error
            }
            let commit = try await connection.runScript("COMMIT", cancellable: false)
            guard commit.commandTag != "ROLLBACK" else {
                throw PostgresError(code: .transactionAborted, context: "the transaction had failed and was rolled back")
            }
            return value
        }
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// Runs one statement on a pooled connection and returns the affected row count.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await withConnection { try await $0.execute(query) }
    }

    /// `SELECT 1` within two seconds; for readiness probes.
    public func isReachable() async -> Bool {
        await isReachable(timeout: .seconds(2))
    }

    /// `SELECT 1` within `timeout`. Never throws and never waits longer than `timeout`.
    public func isReachable(timeout: Duration) async -> Bool {
        let outcome = ReachabilityOutcome()
        return await withCheckedContinuation { continuation in
            outcome.install(continuation)
            let probe = Task {
                outcome.finish((try? await self.query("SELECT 1")) != nil)
            }
            Task {
                try? await Task.sleep(for: timeout)
                if outcome.finish(false) { probe.cancel() }
            }
        }
    }

    /// Closes idle connections and fails waiting and later callers with `.poolClosed`;
    /// connections still lent out are closed when they come back.
    public func shutdown() async {
        let (idle, waiters) = state.withLock { $0.close() }
        for waiter in waiters { waiter.resume(throwing: PostgresError(code: .poolClosed)) }
        for connection in idle { await connection.close() }
    }

    private func acquire() async throws -> PostgresConnection {
        switch try await grant() {
        case .connection(let connection):
            if connection.isUsable() { return connection }
            // Broken while idle (server restarted, backend terminated): keep the slot, reopen.
            await connection.close()
            return try await connect()
        case .connect:
            return try await connect()
        }
    }

    private func grant() async throws -> PostgresPoolState.Grant {
        let id = state.withLock { $0.makeWaiterID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate = state.withLock {
                    $0.acquire(id: id, continuation: continuation, isCancelled: Task.isCancelled)
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.cancelWaiter(id: id) }
            waiter?.resume(throwing: PostgresError(code: .cancelled))
        }
    }

    /// Opens a connection for a slot this task holds; gives the slot up when that fails.
    private func connect() async throws -> PostgresConnection {
        let id = state.withLock { $0.makeConnectionID() }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        } catch {
            let next = state.withLock { $0.slotFreed() }
            next.map { $0.0.resume(returning: $0.1) }
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) async {
        let reusable = await connection.resetForReuse()
        let action = state.withLock { $0.release(connection, reusable: reusable) }
        action.resume.map { $0.0.resume(returning: $0.1) }
        if let closing = action.close { await closing.close() }
    }
}

/// Resumes a reachability check exactly once, with whichever of probe and timer finishes first.
private final class ReachabilityOutcome: Sendable {
    private let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func install(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Returns true when this call resumed the caller.
    @discardableResult
    func finish(_ reached: Bool) -> Bool {
        guard let continuation = continuation.withLock({ $0.take() }) else { return false }
        continuation.resume(returning: reached)
        return true
    }
}
