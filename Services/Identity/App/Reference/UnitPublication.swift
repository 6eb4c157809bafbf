import Contracts
import Foundation
import Postgres
import ServiceLifecycle

/// Publishes the organization's units (seeded by migrations) as `UnitCreated`, once each, so the
/// services that route work to units (appeals, notifications) know all of them.
struct UnitPublication {
    let runtime: IdentityRuntime

    /// Writes the events of units not yet published, in the same transaction that marks them; safe
    /// with several instances starting at once. Returns how many were published.
    @discardableResult
    func publishPending() async throws -> Int {
        try await runtime.pool.withTransaction { connection in
            let units = try await ReferenceStore.claimUnpublishedUnits(on: connection)
            for unit in units { try await runtime.deps.outbox.append(UnitCreated(unit: unit), on: connection) }
            return units.count
        }
    }
}

/// Runs the unit publication at start-up (retrying while the database is away), then idles.
final class UnitPublisher: Service, Sendable {
    let runtime: IdentityRuntime

    init(runtime: IdentityRuntime) {
        self.runtime = runtime
    }

    func run() async throws {
        var delay = Duration.seconds(1)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let count = try await UnitPublication(runtime: runtime).publishPending()
                if count > 0 { runtime.logger.info("units published", metadata: ["count": "\(count)"]) }
                break
            } catch {
                runtime.logger.warning("units could not be published yet", metadata: ["error": "\(type(of: error))"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
        try? await gracefulShutdown()
    }
}
