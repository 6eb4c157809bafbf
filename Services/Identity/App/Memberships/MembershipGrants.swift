import Contracts
import Foundation
import Postgres
import ServiceKit

/// Granting and revoking memberships: state, event and audit in one transaction.
struct MembershipGrants {
    let runtime: IdentityRuntime

    @discardableResult
    func grant(
        enterpriseID: UUID, accountID: UUID, role: AccessClaims.Membership.Role, expiresAt: Date, by grantor: UUID,
        clientIP: String, on connection: PostgresConnection
    ) async throws -> UUID {
        let id = UUID()
        // A new grant replaces an active one (e.g. a member promoted to admin, or a renewal).
        try await MembershipStore.replaceActive(enterpriseID: enterpriseID, accountID: accountID, on: connection)
        try await MembershipStore.insertMembership(
            id: id, enterpriseID: enterpriseID, accountID: accountID, role: role, expiresAt: expiresAt, grantedBy: grantor,
            on: connection)
        try await runtime.deps.outbox.append(
            MembershipGranted(
                membershipID: id, enterpriseID: enterpriseID, accountID: accountID, role: role, expiresAt: expiresAt,
                grantedBy: grantor, grantedAt: Date()),
            on: connection)
        try await AuditTrail.append(
            AuditEntry(
                .grant, actor: grantor, subject: "membership:\(id)",
                detail: "enterprise=\(enterpriseID) account=\(accountID) role=\(role.rawValue) until=\(ISO8601DateFormatter().string(from: expiresAt))",
                clientIP: clientIP),
            on: connection)
        return id
    }

    /// Ends an active membership early; the enterprise must keep at least one admin.
    func revoke(_ membershipID: UUID, enterpriseID: UUID, reason: String, by actor: UUID, clientIP: String, on connection: PostgresConnection) async throws {
        try await MembershipStore.lockEnterprise(enterpriseID, on: connection)
        guard let membership = try await MembershipStore.lockMembership(membershipID, enterpriseID: enterpriseID, on: connection) else {
            throw APIError.notFound("membership")
        }
        guard membership.status == "active" else { throw APIError.conflict("cannot revoke: the membership is \(membership.status)") }
        if membership.role == "admin" {
            guard try await MembershipStore.activeAdminCount(enterpriseID, on: connection) > 1 else {
                throw APIError.conflict("cannot revoke: this is the enterprise's last admin; grant another admin first")
            }
        }
        try await MembershipStore.revoke(membershipID, reason: reason, on: connection)
        try await SessionStore.revokeRefreshTokens(of: membership.accountID, enterpriseID: enterpriseID, on: connection)
        try await runtime.deps.outbox.append(
            MembershipRevoked(
                membershipID: membershipID, enterpriseID: enterpriseID, accountID: membership.accountID, reason: reason,
                revokedBy: actor, revokedAt: Date()),
            on: connection)
        try await AuditTrail.append(
            AuditEntry(.revocation, actor: actor, subject: "membership:\(membershipID)", detail: reason, clientIP: clientIP),
            on: connection)
    }
}
