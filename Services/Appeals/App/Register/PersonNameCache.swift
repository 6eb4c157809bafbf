import Foundation
import Postgres
import Synchronization

/// The names in `person_names` (kept by triggers on cases and officials), read at most once a
/// minute: the register only shows concluded items, so a name a minute late is never one it needs.
final class PersonNameCache: Sendable {
    private struct Snapshot: Sendable {
        var names: TextRedactor.Names
        var readAt: ContinuousClock.Instant
    }

    private let state = Mutex<Snapshot?>(nil)
    let maximumAge: Duration

    init(maximumAge: Duration = .seconds(60)) {
        self.maximumAge = maximumAge
    }

    func names(on connection: PostgresConnection) async throws -> TextRedactor.Names {
        let now = ContinuousClock.now
        if let snapshot = state.withLock({ $0 }), snapshot.readAt.duration(to: now) < maximumAge {
            return snapshot.names
        }
        let names = TextRedactor.Names(try await RegisterStore.personNames(on: connection))
        state.withLock { $0 = Snapshot(names: names, readAt: now) }
        return names
    }
}
