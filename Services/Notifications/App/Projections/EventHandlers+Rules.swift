import Contracts
import Outbox
import Postgres

extension EventHandlers {
    /// Applies `Event`s with `project`, then the rules: every event type reaches the rules, projected
    /// or not, so a new reaction to an identity event needs only rule rows.
    mutating func on<Event: DomainEvent>(
        _ type: Event.Type, thenRules rules: RuleEngine,
        _ project: @escaping @Sendable (Event, PostgresConnection) async throws -> Void
    ) {
        on(type) { event, envelope, connection in
            try await project(event, connection)
            try await rules.apply(envelope, on: connection)
        }
    }
}
