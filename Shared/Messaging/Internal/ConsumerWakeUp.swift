import CRdKafka
import Synchronization

/// Lets an idle consumer wait without holding a thread: librdkafka calls `signal()` from its own
/// thread when the consumer queue goes from empty to non-empty (`rd_kafka_queue_cb_event_enable`),
/// and the loop polls without blocking. A blocking `rd_kafka_consumer_poll` parks one dispatch
/// thread per consumer; with hundreds of consumers in one process (the test suite) the dispatch
/// pool (about 255 threads) ran dry and every other blocking call, libpq's among them, queued
/// behind the polls.
final class ConsumerWakeUp: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    private let consumerQueue = Mutex<ConsumerQueue?>(nil)

    /// The `rd_kafka_queue_t *` reference `attach` took. librdkafka's queue calls are thread-safe,
    /// and the reference is destroyed once, by `detach`, under the mutex.
    private struct ConsumerQueue: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Starts the callbacks. Call `detach()` before the consumer closes (librdkafka requires the
    /// queue reference gone by then) and while this object is alive (the callback holds it
    /// unretained).
    func attach(to client: RDKafkaClient) {
        guard let queue = rd_kafka_queue_get_consumer(client.handle.pointer) else { return }
        rd_kafka_queue_cb_event_enable(queue, ConsumerWakeUp.callback, Unmanaged.passUnretained(self).toOpaque())
        let reference = ConsumerQueue(pointer: queue)
        consumerQueue.withLock { $0 = reference }
    }

    func detach() {
        let queue = consumerQueue.withLock { queue in
            defer { queue = nil }
            return queue
        }
        guard let queue else { return }
        // Takes the queue's lock, so no callback runs once this returns.
        rd_kafka_queue_cb_event_enable(queue.pointer, nil, nil)
        rd_kafka_queue_destroy(queue.pointer)
    }

    /// Wakes the waiter, or the next `wait` if none waits now.
    func signal() {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.pending = true
                return CheckedContinuation<Void, Never>?.none
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns on the next signal, or after `timeout` (a safety net: a wake-up is never relied on
    /// alone). A signal that came before the call returns at once.
    func wait(upTo timeout: Duration) async {
        let timer = Task { [self] in
            do {
                try await Task.sleep(for: timeout)
                signal()
            } catch {}
        }
        defer { timer.cancel() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.pending {
                    state.pending = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private static let callback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { _, opaque in
        guard let opaque else { return }
        Unmanaged<ConsumerWakeUp>.fromOpaque(opaque).takeUnretainedValue().signal()
    }
}
