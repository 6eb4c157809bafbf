import Dispatch
import Foundation
import Synchronization

/// The one thread a connection's blocking libpq calls run on, in order.
///
/// A thread of its own rather than a serial dispatch queue: dispatch runs serial queues on one
/// pool of about 255 threads per priority. With hundreds of connections busy at once (the test
/// suite), statements waiting on a row or advisory lock filled the pool while the transaction
/// holding the lock waited for a thread to run its next statement: everything stalled. A
/// connection's thread only ever waits for its own connection.
final class ConnectionThread: Sendable {
    private struct Jobs {
        var pending: [@Sendable () -> Void] = []
        var stopping = false
    }

    private let jobs = Mutex(Jobs())
    private let wake = DispatchSemaphore(value: 0)
    /// Held while a job runs, so `sync` never overlaps one.
    private let running = Mutex(())

    init(name: String) {
        // Named from inside: Linux keeps a name set before the start only in Foundation, not in the
        // kernel's thread name that ps, top and gdb show (15 bytes at most).
        Thread.detachNewThread { [self] in
            Thread.current.name = name
            loop()
        }
    }

    /// Runs `job` on the thread after the jobs before it.
    func async(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.pending.append(job) }
        wake.signal()
    }

    /// Runs `work` on the calling thread, exclusive with the thread's jobs (as a serial queue's
    /// `sync` does). Only for quick work on a connection nothing else is using.
    func sync<T>(_ work: () -> T) -> T {
        running.withLock { _ in work() }
    }

    /// Ends the thread once the jobs already queued have run.
    func stop() {
        jobs.withLock { $0.stopping = true }
        wake.signal()
    }

    private func loop() {
        while true {
            wake.wait()
            let next = jobs.withLock { jobs -> (@Sendable () -> Void)? in
                jobs.pending.isEmpty ? nil : jobs.pending.removeFirst()
            }
            if let next {
                running.withLock { _ in next() }
                continue
            }
            if jobs.withLock({ $0.stopping && $0.pending.isEmpty }) { return }
        }
    }
}
