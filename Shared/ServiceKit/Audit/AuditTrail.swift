import Contracts
import Foundation
import Postgres

/// The hash-chained audit trail of a service's schema (`audit_trail`, see the audit migrations).
public enum AuditTrail {
    /// Appends `entry` on the connection of the change's own transaction: a change that fails or is
    /// rolled back leaves no row. Appends are serialized per schema until that transaction ends.
    @discardableResult
    public static func append(_ entry: AuditEntry, at now: Date = Date(), on connection: PostgresConnection) async throws -> Int64 {
        let detail = try PostgresJSON(encoding: entry.detail, encoder: EventJSON.makeEncoder())
        let rows = try await connection.query(
            """
            SELECT audit_trail_append(\(now), \(entry.actorID), \(entry.actorRole), \(entry.action), \(entry.subjectKind),
                                      \(entry.subjectID), \(detail)) AS seq
            """)
        return try rows.first?.decode("seq", as: Int64.self) ?? 0
    }

    /// Recomputes every row's hash and link; names the first row that does not hold.
    public static func verify(on connection: PostgresConnection) async throws -> AuditVerification {
        let rows = try await connection.query(
            """
            WITH chain AS (
                SELECT seq, hash, prev_hash,
                       lag(hash) OVER (ORDER BY seq) AS before_hash, lag(seq) OVER (ORDER BY seq) AS before_seq,
                       audit_trail_hash(prev_hash, seq, at, actor_id, actor_role, action, subject_kind, subject_id, detail) AS computed
                FROM audit_trail)
            SELECT (SELECT count(*)::bigint FROM audit_trail) AS total,
                   (SELECT min(seq) FROM chain
                    WHERE computed <> hash
                       OR prev_hash <> coalesce(before_hash, decode(repeat('00', 32), 'hex'))
                       OR seq <> coalesce(before_seq, 0) + 1) AS broken
            """)
        let total = Int(try rows.first?.decode("total", as: Int64.self) ?? 0)
        let broken = try rows.first?.decode("broken", as: Int64?.self)
        return AuditVerification(rows: total, valid: broken == nil, brokenAt: broken)
    }

    public static func verify(pool: PostgresPool) async throws -> AuditVerification {
        try await pool.withConnection { try await verify(on: $0) }
    }

    /// Newest first, optionally only one subject kind, subject, action or actor.
    public static func page(
        subjectKind: String? = nil, subjectID: String? = nil, action: String? = nil, actorID: UUID? = nil,
        paging: Paging, on connection: PostgresConnection
    ) async throws -> Page<AuditRecord> {
        var query: PostgresQuery =
            "SELECT seq, at, actor_id, actor_role, action, subject_kind, subject_id, detail FROM audit_trail WHERE true"
        if let subjectKind { query.append(" AND subject_kind = \(subjectKind)") }
        if let subjectID { query.append(" AND subject_id = \(subjectID)") }
        if let action { query.append(" AND action = \(action)") }
        if let actorID { query.append(" AND actor_id = \(actorID)") }
        return try await connection.page(query, orderBy: "seq DESC", paging: paging) { row in
            AuditRecord(
                seq: try row.decode("seq"), at: try row.decode("at"), actorID: try row.decode("actor_id"),
                actorRole: try row.decode("actor_role"), action: try row.decode("action"),
                subjectKind: try row.decode("subject_kind"), subjectID: try row.decode("subject_id"),
                detail: try row.decode("detail", as: PostgresJSON.self).decode([String: JSONValue].self))
        }
    }
}
