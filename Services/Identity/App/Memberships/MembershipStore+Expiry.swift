import Foundation
import Postgres

/// The expiry job's statements: claiming memberships that ended or end soon, once each.
extension MembershipStore {
    /// A membership due for an expiry event.
    struct Due: Sendable {
        var id: UUID
        var enterpriseID: UUID
        var enterpriseName: String
        var accountID: UUID
        var expiresAt: Date
    }

    /// Claims up to 200 active memberships whose period ended by `now` and marks them expired.
    static func expireDue(now: Date, on connection: PostgresConnection) async throws -> [Due] {
        let rows = try await connection.query(
            """
            SELECT m.id, m.enterprise_id, e.name, m.account_id, m.expires_at FROM memberships m
            JOIN enterprises e ON e.id = m.enterprise_id
            WHERE m.status = 'active' AND m.expires_at <= \(now) ORDER BY m.expires_at LIMIT 200 FOR UPDATE OF m SKIP LOCKED
            """)
        let due = try rows.map(Self.due)
        for membership in due {
            try await connection.execute(
                "UPDATE memberships SET status = 'expired', ended_at = expires_at, end_reason = 'period ended' WHERE id = \(membership.id)")
        }
        return due
    }

    /// Claims up to 200 memberships ending within (`now`, `horizon`] not yet announced, and marks them announced.
    static func announceExpiring(now: Date, horizon: Date, on connection: PostgresConnection) async throws -> [Due] {
        let rows = try await connection.query(
            """
            SELECT m.id, m.enterprise_id, e.name, m.account_id, m.expires_at FROM memberships m
            JOIN enterprises e ON e.id = m.enterprise_id
            WHERE m.status = 'active' AND NOT m.expiring_notified AND m.expires_at > \(now) AND m.expires_at <= \(horizon)
            ORDER BY m.expires_at LIMIT 200 FOR UPDATE OF m SKIP LOCKED
            """)
        let due = try rows.map(Self.due)
        for membership in due {
            try await connection.execute("UPDATE memberships SET expiring_notified = true WHERE id = \(membership.id)")
        }
        return due
    }

    private static func due(_ row: PostgresRow) throws -> Due {
        Due(
            id: try row.decode("id"), enterpriseID: try row.decode("enterprise_id"), enterpriseName: try row.decode("name"),
            accountID: try row.decode("account_id"), expiresAt: try row.decode("expires_at"))
    }
}
