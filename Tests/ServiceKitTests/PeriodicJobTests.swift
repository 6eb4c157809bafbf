import Foundation
import Logging
import ServiceKit
import ServiceLifecycle
import Testing

@Suite("Periodic jobs")
struct PeriodicJobTests {
    actor Passes {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }

    /// Keeps the log lines a job writes.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func add(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            lines.add("\(event.level) \(event.message) \(event.metadata?["job"].map { "\($0)" } ?? "")")
        }
    }

    @Test("a failing pass is logged once with the job's name and the job goes on; graceful shutdown ends it")
    func keepsGoingAndStops() async throws {
        let passes = Passes()
        let lines = Lines()
        let logger = Logger(label: "job-test") { _ in Capture(lines: lines) }
        let job = PeriodicJob(name: "every-other-fails", interval: .milliseconds(10), jitter: 0.5, logger: logger) {
            let n = await passes.next()
            if n % 2 == 0 { throw CancellationError() }
        }
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: job)], gracefulShutdownSignals: [], logger: Logger(label: "noop") { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var seen = 0
            for _ in 0..<300 where seen < 6 {
                try await Task.sleep(for: .milliseconds(10))
                seen = await passes.count
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let total = await passes.count
        #expect(total >= 6)
        let failures = lines.all.filter { $0.hasPrefix("error background job failed every-other-fails") }
        // Every even pass failed and was logged; the last may have been cut short by the shutdown itself.
        #expect(failures.count == total / 2 || failures.count == total / 2 - 1)
        #expect(failures.count >= 3)
        try await Task.sleep(for: .milliseconds(50))
        #expect(await passes.count == total, "the job ran on after shutdown")
    }
}
