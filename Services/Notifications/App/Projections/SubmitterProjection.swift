import Contracts
import Foundation
import Outbox
import Postgres

/// Who submitted each appeal or complaint (the submitted event's actor), so the `submitter`
/// recipients reach the member who submitted, not only the enterprise's admins. Replaying is harmless.
struct SubmitterProjection: EventProjection {
    let rules: RuleEngine

    func register(into handlers: inout EventHandlers) {
        handlers.on(AppealSubmitted.self, thenRules: rules) { event, c in
            try await Self.record(item: event.item.id, actor: event.transition.actorID, on: c)
        }
        handlers.on(ComplaintSubmitted.self, thenRules: rules) { event, c in
            try await Self.record(item: event.item.id, actor: event.transition.actorID, on: c)
        }
    }

    static func record(item: UUID, actor: UUID?, on connection: PostgresConnection) async throws {
        guard let actor else { return }
        try await connection.execute(
            "INSERT INTO item_submitters (item_id, account_id) VALUES (\(item), \(actor)) ON CONFLICT (item_id) DO NOTHING")
    }
}
