import Contracts
import Foundation
import Postgres
import ServiceKit

/// Ends memberships whose period is over (MembershipExpired, once) and announces those ending
/// soon (MembershipExpiring, once). Safe with several instances: rows are claimed with
/// `FOR UPDATE SKIP LOCKED` and the marks make each event happen once.
struct MembershipExpiryJob {
    let runtime: IdentityRuntime

    /// The background job running `sweep` every `membershipSweepInterval`.
    var periodic: PeriodicJob {
        PeriodicJob(name: "membership expiry", interval: runtime.settings.membershipSweepInterval, logger: runtime.logger) {
            _ = try await sweep()
        }
    }

    /// One pass; returns how many memberships expired and how many were announced as expiring.
    @discardableResult
    func sweep(now: Date = Date()) async throws -> (expired: Int, expiring: Int) {
        let expired = try await runtime.pool.withTransaction { connection in
            let due = try await MembershipStore.expireDue(now: now, on: connection)
            for membership in due {
                try await runtime.deps.outbox.append(
                    MembershipExpired(
                        membershipID: membership.id, enterpriseID: membership.enterpriseID, accountID: membership.accountID,
                        expiredAt: membership.expiresAt),
                    on: connection)
            }
            return due.count
        }
        let expiring = try await runtime.pool.withTransaction { connection in
            let horizon = now.addingTimeInterval(runtime.settings.membershipExpiringNotice)
            let due = try await MembershipStore.announceExpiring(now: now, horizon: horizon, on: connection)
            for membership in due {
                try await runtime.deps.outbox.append(
                    MembershipExpiring(
                        membershipID: membership.id, enterpriseID: membership.enterpriseID, enterpriseName: membership.enterpriseName,
                        accountID: membership.accountID, expiresAt: membership.expiresAt),
                    on: connection)
            }
            return due.count
        }
        return (expired, expiring)
    }
}
