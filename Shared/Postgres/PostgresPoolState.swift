/// The pool's bookkeeping, kept inside a `Mutex`. Methods only change state and return what
/// to do; continuations are resumed and connections closed by the caller, outside the lock.
struct PostgresPoolState {
    typealias Waiter = CheckedContinuation<Grant, any Error>

    /// What an acquiring task is given.
    enum Grant: Sendable {
        /// An idle connection to reuse.
        case connection(PostgresConnection)
        /// A free slot: the task opens a new connection itself.
        case connect
    }

    let capacity: Int
    private var idle: [PostgresConnection] = []
    /// Connections open, being opened or lent out; never more than `capacity`.
    private var open = 0
    private var waiters: [(id: UInt64, continuation: Waiter)] = []
    private var nextWaiterID: UInt64 = 0
    private(set) var nextConnectionID = 0
    private(set) var isClosed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    mutating func makeWaiterID() -> UInt64 {
        nextWaiterID += 1
        return nextWaiterID
    }

    mutating func makeConnectionID() -> Int {
        nextConnectionID += 1
        return nextConnectionID
    }

    /// Grants at once (`.success`/`.failure`), or queues the waiter and returns nil.
    mutating func acquire(id: UInt64, continuation: Waiter, isCancelled: Bool) -> Result<Grant, PostgresError>? {
        if isClosed { return .failure(PostgresError(code: .poolClosed)) }
        if isCancelled { return .failure(PostgresError(code: .cancelled)) }
        if let connection = idle.popLast() { return .success(.connection(connection)) }
        if open < capacity {
            open += 1
            return .success(.connect)
        }
        waiters.append((id, continuation))
        return nil
    }

    /// Removes a waiter whose task was cancelled; nil when it was already granted.
    mutating func cancelWaiter(id: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).continuation
    }

    struct ReleaseAction {
        var close: PostgresConnection?
        var resume: (Waiter, Grant)?
    }

    /// A lent connection comes back; `reusable` is false when it is broken.
    mutating func release(_ connection: PostgresConnection, reusable: Bool) -> ReleaseAction {
        guard reusable, !isClosed else {
            return ReleaseAction(close: connection, resume: slotFreed())
        }
        if !waiters.isEmpty {
            return ReleaseAction(resume: (waiters.removeFirst().continuation, .connection(connection)))
        }
        idle.append(connection)
        return ReleaseAction()
    }

    /// A slot was given up (failed connect or discarded connection); the next waiter may connect.
    mutating func slotFreed() -> (Waiter, Grant)? {
        open -= 1
        guard !isClosed, !waiters.isEmpty, open < capacity else { return nil }
        open += 1
        return (waiters.removeFirst().continuation, .connect)
    }

    /// Marks the pool closed; returns idle connections to close and waiters to fail.
    mutating func close() -> (idle: [PostgresConnection], waiters: [Waiter]) {
        isClosed = true
        let closing = idle
        idle = []
        open -= closing.count
        let failing = waiters.map(\.continuation)
        waiters = []
        return (closing, failing)
    }
}
