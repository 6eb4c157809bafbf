import Contracts
import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Ends memberships whose period is over (MembershipExpired, once) and announces those ending
/// soon (MembershipExpiring, once). Safe with several instances: rows are claimed with
/// `FOR UPDATE SKIP LOCKED` and the marks make each event happen once.
public final class MembershipExpiryJob: Service, Sendable {
    let runtime: IdentityRuntime

    init(runtime: IdentityRuntime) {
        self.runtime = runtime
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await self.sweep()
                } catch {
                    self.runtime.logger.warning("membership expiry sweep failed", metadata: ["error": "\(type(of: error))"])
                }
                try? await Task.sleep(for: self.runtime.settings.membershipSweepInterval)
            }
        }
    }

    /// One pass; returns how many memberships expired and how many were announced as expiring.
    @discardableResult
    public func sweep(now: Date = Date()) async throws -> (expired: Int, expiring: Int) {
        let expired = try await runtime.pool.withTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT id, enterprise_id, account_id, expires_at FROM memberships
                WHERE status = 'active' AND expires_at <= \(now) ORDER BY expires_at LIMIT 200 FOR UPDATE SKIP LOCKED
                """)
            for row in rows {
                let id = try row.decode("id", as: UUID.self)
                let enterpriseID = try row.decode("enterprise_id", as: UUID.self)
                let accountID = try row.decode("account_id", as: UUID.self)
                try await connection.execute(
                    "UPDATE memberships SET status = 'expired', ended_at = expires_at, end_reason = 'period ended' WHERE id = \(id)")
                try await runtime.deps.outbox.append(
                    MembershipExpired(
                        membershipID: id, enterpriseID: enterpriseID, accountID: accountID,
                        expiredAt: try row.decode("expires_at", as: Date.self)),
                    on: connection)
            }
            return rows.count
        }
        let expiring = try await runtime.pool.withTransaction { connection in
            let horizon = now.addingTimeInterval(runtime.settings.membershipExpiringNotice)
            let rows = try await connection.query(
                """
                SELECT m.id, m.enterprise_id, m.account_id, m.expires_at, e.name FROM memberships m
                JOIN enterprises e ON e.id = m.enterprise_id
                WHERE m.status = 'active' AND NOT m.expiring_notified AND m.expires_at > \(now) AND m.expires_at <= \(horizon)
                ORDER BY m.expires_at LIMIT 200 FOR UPDATE OF m SKIP LOCKED
                """)
            for row in rows {
                let id = try row.decode("id", as: UUID.self)
                try await connection.execute("UPDATE memberships SET expiring_notified = true WHERE id = \(id)")
                try await runtime.deps.outbox.append(
                    MembershipExpiring(
                        membershipID: id, enterpriseID: try row.decode("enterprise_id"), enterpriseName: try row.decode("name"),
                        accountID: try row.decode("account_id"), expiresAt: try row.decode("expires_at")),
                    on: connection)
            }
            return rows.count
        }
        return (expired, expiring)
    }
}
