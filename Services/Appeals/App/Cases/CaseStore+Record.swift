import Foundation
import Postgres

/// The item itself (`cases`), as the workflow locks, reads and writes it.
extension CaseStore {
    /// Locks and reads one item of `kind`.
    static func lock(_ id: UUID, kind: CaseKind, on connection: PostgresConnection) async throws -> CaseRecord? {
        let rows = try await connection.query(
            "SELECT \(unescaped: CaseRecord.columns) FROM cases WHERE id = \(id) AND kind = \(kind) FOR UPDATE")
        return try rows.first.map(CaseRecord.init(row:))
    }

    static func read(_ id: UUID, kind: CaseKind, on connection: PostgresConnection) async throws -> CaseRecord? {
        let rows = try await connection.query(
            "SELECT \(unescaped: CaseRecord.columns) FROM cases WHERE id = \(id) AND kind = \(kind)")
        return try rows.first.map(CaseRecord.init(row:))
    }

    /// Writes back every field the workflow may change.
    static func save(_ record: CaseRecord, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE cases SET title = \(record.title), form = \(record.form), status = \(record.status),
                liaison_official_id = \(record.liaisonOfficialID), lead_unit_id = \(record.leadUnitID),
                lead_unit_name = \(record.leadUnitName), returned_reason = \(record.returnedReason), step = \(record.step),
                step_seq = \(record.stepSeq), step_started_at = \(record.stepStartedAt), due_soon_at = \(record.dueSoonAt),
                due_at = \(record.dueAt), deadline_problem = \(record.deadlineProblem), paused_at = \(record.pausedAt),
                register_withheld = \(record.registerWithheld), reply = \(record.reply), replied_at = \(record.repliedAt),
                solved = \(record.solved), satisfied = \(record.satisfied), unrated = \(record.unrated), major = \(record.major),
                major_reason = \(record.majorReason), closed_at = \(record.closedAt), updated_at = \(record.updatedAt)
            WHERE id = \(record.id)
            """)
    }
}
