import Contracts
import Foundation
import Postgres
import ServiceKit

/// Granting, revoking and expiring memberships: state, event and audit in one transaction.
struct MembershipGrants {
    let runtime: IdentityRuntime

    @discardableResult
    func grant(
        enterpriseID: UUID, accountID: UUID, role: AccessClaims.Membership.Role, expiresAt: Date, by grantor: UUID,
        clientIP: String, on connection: PostgresConnection
    ) async throws -> UUID {
        let id = UUID()
        // A new grant replaces an active one (e.g. a member promoted to admin, or a renewal).
        try await connection.execute(
            """
            UPDATE memberships SET status = 'revoked', ended_at = now(), end_reason = 'replaced by a new grant'
            WHERE enterprise_id = \(enterpriseID) AND account_id = \(accountID) AND status = 'active'
            """)
        try await connection.execute(
            """
            INSERT INTO memberships (id, enterprise_id, account_id, role, status, expires_at, granted_by)
            VALUES (\(id), \(enterpriseID), \(accountID), \(role.rawValue), 'active', \(expiresAt), \(grantor))
            """)
        try await runtime.deps.outbox.append(
            MembershipGranted(
                membershipID: id, enterpriseID: enterpriseID, accountID: accountID, role: role, expiresAt: expiresAt,
                grantedBy: grantor, grantedAt: Date()),
            on: connection)
        try await runtime.audit.append(
            .grant, actor: grantor, subject: "membership:\(id)",
            detail: "enterprise=\(enterpriseID) account=\(accountID) role=\(role.rawValue) until=\(ISO8601DateFormatter().string(from: expiresAt))",
            clientIP: clientIP, on: connection)
        return id
    }

    /// Ends an active membership early; the enterprise must keep at least one admin.
    func revoke(_ membershipID: UUID, enterpriseID: UUID, reason: String, by actor: UUID, clientIP: String, on connection: PostgresConnection) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext(\(enterpriseID.uuidString)))")
        guard let row = try await connection.query(
            "SELECT account_id, role, status FROM memberships WHERE id = \(membershipID) AND enterprise_id = \(enterpriseID) FOR UPDATE"
        ).first else { throw APIError.notFound("membership") }
        let status = try row.decode("status", as: String.self)
        guard status == "active" else { throw APIError.conflict("cannot revoke: the membership is \(status)") }
        let accountID = try row.decode("account_id", as: UUID.self)
        if try row.decode("role", as: String.self) == "admin" {
            let admins = try await connection.query(
                """
                SELECT count(*) AS admins FROM memberships
                WHERE enterprise_id = \(enterpriseID) AND role = 'admin' AND status = 'active' AND expires_at > now()
                """).first?.decode("admins", as: Int.self) ?? 0
            guard admins > 1 else {
                throw APIError.conflict("cannot revoke: this is the enterprise's last admin; grant another admin first")
            }
        }
        try await connection.execute(
            "UPDATE memberships SET status = 'revoked', ended_at = now(), end_reason = \(reason) WHERE id = \(membershipID)")
        try await connection.execute(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = \(accountID) AND enterprise_id = \(enterpriseID) AND revoked_at IS NULL")
        try await runtime.deps.outbox.append(
            MembershipRevoked(
                membershipID: membershipID, enterpriseID: enterpriseID, accountID: accountID, reason: reason, revokedBy: actor,
                revokedAt: Date()),
            on: connection)
        try await runtime.audit.append(
            .revocation, actor: actor, subject: "membership:\(membershipID)", detail: reason, clientIP: clientIP, on: connection)
    }
}
