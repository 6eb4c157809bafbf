import Foundation
import Postgres

/// Every statement of sign-in and sessions: failures, captchas, password-change tickets and
/// refresh tokens (stored as SHA-256 digests).
enum SessionStore {
    struct RefreshToken: Sendable {
        var id: UUID
        var familyID: UUID
        var accountID: UUID
        var enterpriseID: UUID?
        var used: Bool
        var revoked: Bool
        var fresh: Bool
    }

    // MARK: Failures and captchas

    struct Failure: Sendable {
        var at: Date
        var clientIP: String
    }

    /// `username`'s failed sign-ins within `window` (from every address), newest first.
    static func recentFailures(_ username: String, window: TimeInterval, on connection: PostgresConnection) async throws -> [Failure] {
        try await connection.query(
            """
            SELECT failed_at, client_ip FROM sign_in_failures
            WHERE username = \(username) AND failed_at > now() - make_interval(secs => \(window))
            ORDER BY failed_at DESC
            """).map { Failure(at: try $0.decode("failed_at", as: Date.self), clientIP: try $0.decode("client_ip", as: String.self)) }
    }

    static func recordFailure(_ username: String, clientIP: String, on connection: PostgresConnection) async throws {
        try await connection.execute("INSERT INTO sign_in_failures (username, client_ip) VALUES (\(username), \(clientIP))")
    }

    static func clearFailures(_ username: String, on connection: PostgresConnection) async throws {
        try await connection.execute("DELETE FROM sign_in_failures WHERE username = \(username)")
    }

    static func insertCaptcha(id: UUID, answerHash: Data, expiresAt: Date, on pool: PostgresPool) async throws {
        try await pool.execute(
            "INSERT INTO captchas (id, answer_hash, expires_at) VALUES (\(id), \(answerHash), \(expiresAt))")
    }

    /// Marks a fresh, unused captcha used; its answer's hash, or nil when there was none.
    static func useCaptcha(_ id: UUID, on connection: PostgresConnection) async throws -> Data? {
        try await connection.query(
            """
            UPDATE captchas SET used_at = now() WHERE id = \(id) AND used_at IS NULL AND expires_at > now()
            RETURNING answer_hash
            """).first?.decode("answer_hash", as: Data.self)
    }

    // MARK: Password-change tickets

    static func insertChangeTicket(digest: Data, accountID: UUID, expiresAt: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO password_change_tickets (token_hash, account_id, expires_at)
            VALUES (\(digest), \(accountID), \(expiresAt))
            """)
    }

    /// Uses up a fresh ticket; the account it was issued to, or nil.
    static func useChangeTicket(digest: Data, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query(
            """
            UPDATE password_change_tickets SET used_at = now()
            WHERE token_hash = \(digest) AND used_at IS NULL AND expires_at > now()
            RETURNING account_id
            """).first?.decode("account_id", as: UUID.self)
    }

    // MARK: Refresh tokens

    static func insertRefreshToken(
        digest: Data, familyID: UUID, accountID: UUID, enterpriseID: UUID?, expiresAt: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO refresh_tokens (id, family_id, account_id, enterprise_id, token_hash, expires_at)
            VALUES (\(UUID()), \(familyID), \(accountID), \(enterpriseID), \(digest), \(expiresAt))
            """)
    }

    static func refreshToken(digest: Data, forUpdate: Bool = false, on connection: PostgresConnection) async throws -> RefreshToken? {
        var query: PostgresQuery = """
            SELECT id, family_id, account_id, enterprise_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked,
                   expires_at > now() AS fresh
            FROM refresh_tokens WHERE token_hash = \(digest)
            """
        if forUpdate { query.appendUnescaped(" FOR UPDATE") }
        guard let row = try await connection.query(query).first else { return nil }
        return RefreshToken(
            id: try row.decode("id"), familyID: try row.decode("family_id"), accountID: try row.decode("account_id"),
            enterpriseID: try row.decode("enterprise_id"), used: try row.decode("used"), revoked: try row.decode("revoked"),
            fresh: try row.decode("fresh"))
    }

    static func markUsed(_ tokenID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE refresh_tokens SET used_at = now() WHERE id = \(tokenID)")
    }

    /// Revokes a rotation family; returns how many tokens were still unrevoked.
    @discardableResult
    static func revokeFamily(_ familyID: UUID, on connection: PostgresConnection) async throws -> Int {
        try await connection.execute(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = \(familyID) AND revoked_at IS NULL")
    }

    /// Revokes an account's sessions (all, or those acting for `enterpriseID`).
    static func revokeRefreshTokens(of accountID: UUID, enterpriseID: UUID? = nil, on connection: PostgresConnection) async throws {
        var query: PostgresQuery = "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = \(accountID) AND revoked_at IS NULL"
        if let enterpriseID { query.append(" AND enterprise_id = \(enterpriseID)") }
        try await connection.execute(query)
    }
}
