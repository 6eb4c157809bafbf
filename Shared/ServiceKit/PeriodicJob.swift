import Logging
import ServiceLifecycle

/// A background job that runs `work` now and then every `interval` (give or take `jitter`, so
/// several instances drift apart), until graceful shutdown. A failing pass is logged once, the same
/// way for every job (the error's type and description, never a value), and the job goes on.
/// An `adaptive` job's pass may return a different wait for the next one.
public struct PeriodicJob: Service {
    public typealias Work = @Sendable () async throws -> Duration?

    public let name: String
    let interval: Duration
    let jitter: Double
    let initialDelay: Duration
    let logger: Logger
    let work: Work

    /// A job whose pass says how long to wait before the next one (nil: `interval`), say sooner
    /// while a backlog remains.
    public static func adaptive(
        name: String, interval: Duration, jitter: Double = 0.1, initialDelay: Duration = .zero, logger: Logger,
        work: @escaping Work
    ) -> PeriodicJob {
        PeriodicJob(name: name, interval: interval, jitter: jitter, initialDelay: initialDelay, logger: logger, work: work)
    }

    private init(
        name: String, interval: Duration, jitter: Double, initialDelay: Duration, logger: Logger, work: @escaping Work
    ) {
        self.name = name
        self.interval = interval
        self.jitter = min(max(jitter, 0), 1)
        self.initialDelay = initialDelay
        self.logger = logger
        self.work = work
    }

    /// A job whose passes always wait `interval`.
    public init(
        name: String, interval: Duration, jitter: Double = 0.1, initialDelay: Duration = .zero, logger: Logger,
        pass: @escaping @Sendable () async throws -> Void
    ) {
        self.init(name: name, interval: interval, jitter: jitter, initialDelay: initialDelay, logger: logger, work: {
            try await pass()
            return nil
        })
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            if initialDelay > .zero { try? await Task.sleep(for: initialDelay) }
            while !Task.isCancelled {
                var next = interval
                do {
                    next = try await work() ?? interval
                } catch where !Task.isCancelled {
                    var metadata: Logger.Metadata = ["job": "\(name)", "error": "\(error)"]
                    metadata["error_type"] = "\(type(of: error))"
                    logger.error("background job failed", metadata: metadata)
                } catch {}
                try? await Task.sleep(for: jittered(next))
            }
        }
    }

    func jittered(_ duration: Duration) -> Duration {
        guard jitter > 0 else { return duration }
        return duration * Double.random(in: (1 - jitter)...(1 + jitter))
    }
}
