import Crypto
import Foundation
import Postgres

/// The hash-chained audit log: each row's hash is SHA-256 over its fields and the previous
/// row's hash, so altering, inserting or deleting a row breaks the chain from there on.
public struct AuditLog: Sendable {
    public enum Action: String, Sendable {
        case signIn = "sign-in"
        case signInFailed = "sign-in.failed"
        case lockout = "lockout"
        case signOut = "sign-out"
        case refreshReuse = "refresh.reuse"
        case passwordChanged = "password.changed"
        case passwordReset = "password.reset"
        case accountCreated = "account.created"
        case accountUpdated = "account.updated"
        case keyRotated = "key.rotated"
        case grant = "membership.granted"
        case revocation = "membership.revoked"
        case membershipRejected = "membership.rejected"
        case membershipApplied = "membership.applied"
        case enterpriseRegistered = "enterprise.registered"
        case enterpriseApproved = "enterprise.approved"
        case enterpriseRejected = "enterprise.rejected"
        case enterpriseUpdated = "enterprise.updated"
        case enterpriseImported = "enterprise.imported"
        case liaisonAssigned = "liaison.assigned"
        case liaisonUnassigned = "liaison.unassigned"
        case helpRequestDecided = "help-request.decided"
    }

    public struct Verification: Codable, Sendable {
        public var rows: Int
        public var valid: Bool
        /// The first row whose hash does not match, when the chain is broken.
        public var brokenAt: Int64?
    }

    static let genesis = Data(repeating: 0, count: 32)

    /// Appends one entry on `connection` (inside the caller's transaction; serialized by a lock).
    public func append(
        _ action: Action, actor: UUID?, subject: String, detail: String = "", clientIP: String = "",
        on connection: PostgresConnection, now: Date = Date()
    ) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('identity.audit_log'))")
        let last = try await connection.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first
        let seq = (try last?.decode("seq", as: Int64.self) ?? 0) + 1
        let previous = try last?.decode("hash", as: Data.self) ?? Self.genesis
        let atMillis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let hash = Self.hash(
            seq: seq, atMillis: atMillis, action: action.rawValue, actor: actor, subject: subject, detail: detail,
            clientIP: clientIP, previous: previous)
        try await connection.execute(
            """
            INSERT INTO audit_log (seq, at_ms, action, actor_id, subject, detail, client_ip, prev_hash, hash)
            VALUES (\(seq), \(atMillis), \(action.rawValue), \(actor), \(subject), \(detail), \(clientIP), \(previous), \(hash))
            """)
    }

    /// Recomputes the chain from the first row.
    public func verify(pool: PostgresPool) async throws -> Verification {
        let rows = try await pool.query(
            "SELECT seq, at_ms, action, actor_id, subject, detail, client_ip, prev_hash, hash FROM audit_log ORDER BY seq")
        var previous = Self.genesis
        var expectedSeq: Int64 = 1
        for row in rows {
            let seq = try row.decode("seq", as: Int64.self)
            let stored = try row.decode("hash", as: Data.self)
            let computed = Self.hash(
                seq: seq, atMillis: try row.decode("at_ms", as: Int64.self), action: try row.decode("action", as: String.self),
                actor: try row.decode("actor_id", as: UUID?.self), subject: try row.decode("subject", as: String.self),
                detail: try row.decode("detail", as: String.self), clientIP: try row.decode("client_ip", as: String.self),
                previous: previous)
            guard seq == expectedSeq, try row.decode("prev_hash", as: Data.self) == previous, computed == stored else {
                return Verification(rows: rows.count, valid: false, brokenAt: seq)
            }
            previous = stored
            expectedSeq += 1
        }
        return Verification(rows: rows.count, valid: true, brokenAt: nil)
    }

    static func hash(
        seq: Int64, atMillis: Int64, action: String, actor: UUID?, subject: String, detail: String, clientIP: String,
        previous: Data
    ) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        for field in [String(seq), String(atMillis), action, actor?.uuidString.lowercased() ?? "-", subject, detail, clientIP] {
            let bytes = Data(field.utf8)
            hasher.update(data: Data(String(bytes.count).utf8) + Data(":".utf8) + bytes)
        }
        return Data(hasher.finalize())
    }
}
