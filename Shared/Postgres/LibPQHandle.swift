import CLibPQ
import Dispatch
import Foundation
import Synchronization

/// Owns one libpq `PGconn` (and its `PGcancel`) and the serial queue that every call on it runs on,
/// so blocking libpq calls never occupy Swift's cooperative thread pool.
///
/// This is the module's one `@unchecked Sendable` type. Why it is safe:
/// - `connection` is read, used and written only inside blocks running on `queue` (a serial
///   queue owned by this handle), and in `deinit`, when no other reference exists.
/// - `cancel` (the `PGcancel`) is only used or freed while holding `cancelState`'s lock, which
///   records whether it was freed; `PQcancel` is documented as safe to call from any thread.
final class LibPQHandle: @unchecked Sendable {
    private let queue: DispatchQueue
    private var connection: OpaquePointer?
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

    private init(queue: DispatchQueue, connection: OpaquePointer) {
        self.queue = queue
        self.connection = connection
        self.cancel = PQgetCancel(connection)
    }

    deinit {
        if let connection { PQfinish(connection) }
        freeCancel()
    }

    /// Opens a connection on a new serial queue. `parameters` are libpq keyword/value pairs;
    /// `setup` is run with `PQexec` right after connecting.
    static func connect(parameters: [(String, String)], setup: String, label: String) async throws -> LibPQHandle {
        let queue = DispatchQueue(label: label)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: open(parameters: parameters, setup: setup, queue: queue))
            }
        }
    }

    private static func open(parameters: [(String, String)], setup: String, queue: DispatchQueue) -> Result<
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
