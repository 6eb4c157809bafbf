import Foundation
import HummingbirdTesting
import Synchronization

/// A public list's rate and latencies beside `/health/live` of the same service in the same run
/// (`workers` requests in flight, after a warm-up); `total` asks the list once and answers its
/// `total`, which must not change during the run.
struct ListBesideLive {
    var matching: Int
    var live: Rate
    var liveLatency: [Double]
    var list: Rate
    var listLatency: [Double]

    static func measure(
        _ client: some TestClientProtocol, requests: Int, workers: Int, total: @escaping @Sendable () async throws -> Int
    ) async throws -> ListBesideLive {
        let matching = try await total()
        for _ in 0..<20 { _ = try await total() }
        for _ in 0..<50 { _ = try await client.execute(uri: "/health/live", method: .get) }
        let liveTimes = Mutex<[Double]>([])
        let live = try await timedConcurrently(count: requests * 4, workers: workers) { _ in
            let began = ContinuousClock.now
            let response = try await client.execute(uri: "/health/live", method: .get)
            guard response.status == .ok else { throw BenchError("live answered \(response.status)") }
            liveTimes.withLock { $0.append(milliseconds(ContinuousClock.now - began)) }
        }
        let listTimes = Mutex<[Double]>([])
        let list = try await timedConcurrently(count: requests, workers: workers) { _ in
            let began = ContinuousClock.now
            guard try await total() == matching else { throw BenchError("list total changed") }
            listTimes.withLock { $0.append(milliseconds(ContinuousClock.now - began)) }
        }
        return ListBesideLive(
            matching: matching, live: live, liveLatency: liveTimes.withLock { $0 }, list: list, listLatency: listTimes.withLock { $0 })
    }
}
