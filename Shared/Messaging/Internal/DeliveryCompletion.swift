import Synchronization

/// What a delivery report resolves: passed to librdkafka as the per-message opaque
/// (`Unmanaged.passRetained`) and taken back exactly once by the delivery-report callback, or by
/// the producer when the message could not be enqueued.
final class DeliveryCompletion: Sendable {
    private let body: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void

    init(_ body: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) {
        self.body = body
    }

    func complete(_ result: Result<KafkaDeliveryReport, KafkaError>) {
        body(result)
    }
}

/// Collects the delivery results of a batch and hands them over, in message order, once all
/// have arrived.
final class DeliveryBatch: Sendable {
    private struct State {
        var results: [Result<KafkaDeliveryReport, KafkaError>?]
        var remaining: Int
    }

    private let state: Mutex<State>
    private let onComplete: @Sendable ([Result<KafkaDeliveryReport, KafkaError>]) -> Void

    init(count: Int, onComplete: @escaping @Sendable ([Result<KafkaDeliveryReport, KafkaError>]) -> Void) {
        state = Mutex(State(results: Array(repeating: nil, count: count), remaining: count))
        self.onComplete = onComplete
    }

    func record(_ result: Result<KafkaDeliveryReport, KafkaError>, at index: Int) {
        let finished: [Result<KafkaDeliveryReport, KafkaError>]? = state.withLock { state in
            guard case .none = state.results[index] else { return nil }
            state.results[index] = result
            state.remaining -= 1
            return state.remaining == 0 ? state.results.map { $0! } : nil
        }
        if let finished { onComplete(finished) }
    }
}
