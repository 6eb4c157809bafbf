import Foundation
import Postgres

/// Operator actions on a service's outbox: the recovery procedure after a broker lost data, and
/// retention.
public struct OutboxMaintenance: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Marks every event that occurred at or after `since` unpublished, so the relay sends them
    /// again in their original order. Consumers' inboxes drop the ones they already applied.
    @discardableResult
    public func republish(since: Date) async throws -> Int {
        try await pool.execute(
            "UPDATE outbox SET published_at = NULL, attempts = 0, last_error = NULL WHERE occurred_at >= \(since)")
    }

    /// Deletes published rows older than `retention`; unpublished rows are never deleted.
    @discardableResult
    public func purgePublished(olderThan retention: Duration) async throws -> Int {
        let seconds = Double(retention.components.seconds)
        return try await pool.execute(
            """
            DELETE FROM outbox
            WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => \(seconds))
            """)
    }

    /// How many events wait to be published, and how old the oldest is.
    public func backlog() async throws -> (count: Int, oldest: Date?) {
        let rows = try await pool.query(
            "SELECT count(*)::bigint AS n, min(created_at) AS oldest FROM outbox WHERE published_at IS NULL")
        guard let row = rows.first else { return (0, nil) }
        return (Int(try row.decode("n", as: Int64.self)), try row.decode("oldest", as: Date?.self))
    }
}
