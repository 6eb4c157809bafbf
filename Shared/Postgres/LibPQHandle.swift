import CLibPQ
import Dispatch
import Foundation
import Synchronization

/// Owns one libpq `PGconn` (and its `PGcancel`) and the thread that every call on it runs on
/// (`ConnectionThread`), so blocking libpq calls never occupy Swift's cooperative thread pool; and the session's prepared
/// statements: every statement with parameters is parsed once per connection (`PQprepare`) and
/// then only executed (`PQexecPrepared`), planned anew each time (`plan_cache_mode` is
/// `force_custom_plan`, so a statement's plan still fits its parameters).
///
/// This is the module's one `@unchecked Sendable` type. Why it is safe:
/// - `connection` and `prepared` are read, used and written only inside blocks running on `queue`
///   (the thread owned by this handle), and in `deinit`, when no other reference exists.
/// - `cancel` (the `PGcancel`) is only used or freed while holding `cancelState`'s lock, which
///   records whether it was freed; `PQcancel` is documented as safe to call from any thread.
final class LibPQHandle: @unchecked Sendable {
    private let queue: ConnectionThread
    private var connection: OpaquePointer?
    private var prepared = PreparedStatements()
    private let cancel: OpaquePointer?
    private let cancelState = Mutex(CancelState())

    private struct CancelState {
        var cancelFreed = false
        /// The token of the cancellable operation running on `queue`, if any.
        var active: UInt64?
        /// A token whose task was cancelled before its operation started.
        var cancelledEarly: UInt64?
        var nextToken: UInt64 = 0
    }

    private init(queue: ConnectionThread, connection: OpaquePointer) {
        self.queue = queue
        self.connection = connection
        self.cancel = PQgetCancel(connection)
    }

    deinit {
        if let connection { PQfinish(connection) }
        freeCancel()
        queue.stop()
    }

    /// Opens a connection on a new thread. `parameters` are libpq keyword/value pairs;
    /// `setup` is run with `PQexec` right after connecting.
    static func connect(parameters: [(String, String)], setup: String, label: String) async throws -> LibPQHandle {
        let queue = ConnectionThread(name: label)
        let opened = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: open(parameters: parameters, setup: setup, queue: queue))
            }
        }
        if case .failure = opened { queue.stop() }
        return try opened.get()
    }

    private static func open(parameters: [(String, String)], setup: String, queue: ConnectionThread) -> Result<
        LibPQHandle, PostgresError
    > {
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        guard let connection = PQconnectdbParams(keywordPointers, valuePointers, 1) else {
            return .failure(PostgresError(code: .connectionFailed, serverMessage: "libpq could not allocate a connection"))
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = LibPQ.connectionMessage(connection)
            PQfinish(connection)
            return .failure(PostgresError(code: .connectionFailed, serverMessage: message))
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        if case .failure(let error) = LibPQ.executeScript(connection, sql: setup) {
            PQfinish(connection)
            return .failure(
                PostgresError(code: .connectionFailed, sqlState: error.sqlState, serverMessage: error.serverMessage))
        }
        return .success(LibPQHandle(queue: queue, connection: connection))
    }

    /// Runs `work` on the connection's queue. When `cancellable`, cancelling the awaiting task
    /// sends a cancel request for the running statement (the call still waits for libpq to
    /// return, so the connection is never left mid-statement) and fails with `.cancelled`.
    func run<T: Sendable>(
        cancellable: Bool, _ work: @escaping @Sendable (OpaquePointer) -> Result<T, PostgresError>
    ) async throws -> T {
        guard cancellable else {
            return try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: self.perform(token: nil, work)) }
            }
        }
        guard !Task.isCancelled else { throw PostgresError(code: .cancelled) }
        let token = cancelState.withLock { state in
            state.nextToken += 1
            return state.nextToken
        }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    queue.async { continuation.resume(with: self.perform(token: token, work)) }
                }
            } onCancel: {
                self.requestCancel(token)
            }
        } catch let error as PostgresError where Task.isCancelled && error.sqlState == "57014" {
            throw PostgresError(code: .cancelled, sqlState: error.sqlState)
        }
    }

    /// Runs one statement with parameters as the session's prepared statement for its text (see the
    /// type's comment). Must run on `queue`.
    func executePrepared(_ connection: OpaquePointer, sql: String, binds: [PostgresBind]) -> Result<PostgresRows, PostgresError> {
        let key = PreparedStatements.Key(sql: sql, types: binds.map { Oid($0.dataType.rawValue) })
        if let name = prepared.names[key] {
            let result = LibPQ.executePrepared(connection, name: name, binds: binds)
            // A table changed under a cached statement (its result type), or the session lost it:
            // prepare it anew when no transaction was aborted by the failure.
            guard case .failure(let error) = result, PreparedStatements.isStale(error) else { return result }
            prepared.names[key] = nil
            guard LibPQ.isIdle(connection) else { return result }
        }
        guard let name = prepared.newName(for: key) else { return LibPQ.execute(connection, sql: sql, binds: binds) }
        if case .failure(let error) = LibPQ.prepare(connection, name: name, sql: sql, types: key.types) { return .failure(error) }
        prepared.names[key] = name
        return LibPQ.executePrepared(connection, name: name, binds: binds)
    }

    /// Runs `work` on `queue` from the calling thread and waits for it: only for work that never
    /// waits on the network (libpq's local state, a poll with no timeout), on a connection nothing
    /// else runs on. Saves the hop to `queue` and back that `run` makes.
    func inspect<T>(_ work: (OpaquePointer?) -> T) -> T {
        queue.sync { work(connection) }
    }

    /// Must run on `queue`.
    private func perform<T>(token: UInt64?, _ work: (OpaquePointer) -> Result<T, PostgresError>) -> Result<
        T, PostgresError
    > {
        guard let connection else {
            return .failure(PostgresError(code: .connectionLost, serverMessage: "connection is closed"))
        }
        guard let token else { return work(connection) }
        let proceed = cancelState.withLock { state in
            guard state.cancelledEarly != token else { return false }
            state.active = token
            return true
        }
        guard proceed else { return .failure(PostgresError(code: .cancelled)) }
        let result = work(connection)
        cancelState.withLock { $0.active = nil }
        return result
    }

    private func requestCancel(_ token: UInt64) {
        let isRunning = cancelState.withLock { state in
            if state.active == token { return true }
            state.cancelledEarly = token
            return false
        }
        guard isRunning else { return }
        // PQcancel opens a socket and waits: keep it off the cooperative pool.
        DispatchQueue.global().async {
            self.cancelState.withLock { state in
                guard state.active == token, !state.cancelFreed, let cancel = self.cancel else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(cancel, &buffer, Int32(buffer.count))
            }
        }
    }

    /// Closes the connection; later calls fail with `.connectionLost`.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if let connection = self.connection { PQfinish(connection) }
                self.connection = nil
                self.prepared = PreparedStatements()
                self.freeCancel()
                continuation.resume()
            }
        }
    }

    private func freeCancel() {
        cancelState.withLock { state in
            if let cancel, !state.cancelFreed { PQfreeCancel(cancel) }
            state.cancelFreed = true
        }
    }
}

/// The names of a session's prepared statements by SQL text and parameter types. At most `limit`
/// (statements built with varying text beyond that run unprepared).
struct PreparedStatements {
    struct Key: Hashable {
        var sql: String
        var types: [Oid]
    }

    static let limit = 500
    var names: [Key: String] = [:]
    private var counter = 0

    /// A new statement name for `key`, or nil when the session holds `limit` already.
    mutating func newName(for key: Key) -> String? {
        guard names.count < Self.limit else { return nil }
        counter += 1
        return "qq\(counter)"
    }

    /// 0A000: "cached plan must not change result type" (a column of a table it reads changed);
    /// 26000: the prepared statement does not exist (the session deallocated it).
    static func isStale(_ error: PostgresError) -> Bool {
        error.sqlState == "0A000" || error.sqlState == "26000"
    }
}
