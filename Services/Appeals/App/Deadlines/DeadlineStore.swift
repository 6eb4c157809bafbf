import Foundation
import Postgres

/// The clocks' statements: the checkpoints of a handling round, and the items the scheduler and a
/// newly loaded calendar year act on (claimed with row locks, so several instances share the work).
enum DeadlineStore {
    static func addCheckpoint(_ step: String, of record: CaseRecord, due: Date?, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO case_checkpoints (case_id, step, step_seq, due_at)
            VALUES (\(record.id), \(step), \(record.stepSeq), \(due))
            ON CONFLICT DO NOTHING
            """)
    }

    /// The round's checkpoints follow the step when it is timed anew.
    static func moveCheckpoints(of caseID: UUID, from previous: Int, to next: Int, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE case_checkpoints SET step_seq = \(next) WHERE case_id = \(caseID) AND step_seq = \(previous)")
    }

    /// The current round's checkpoints not yet reported.
    static func openCheckpoints(of record: CaseRecord, on connection: PostgresConnection) async throws -> [String] {
        try await connection.query(
            """
            SELECT step FROM case_checkpoints
            WHERE case_id = \(record.id) AND reported_at IS NULL AND step_seq = \(record.stepSeq)
            ORDER BY step
            """
        ).map { try $0.decode("step", as: String.self) }
    }

    /// Open items whose due time is unknown for want of a calendar year, locked.
    static func lockWithoutDeadline(on connection: PostgresConnection) async throws -> [CaseRecord] {
        try await connection.query(
            """
            SELECT \(unescaped: CaseRecord.columns) FROM cases
            WHERE deadline_problem IS NOT NULL AND status NOT IN ('closed', 'withdrawn') AND step_started_at IS NOT NULL
            FOR UPDATE
            """
        ).map(CaseRecord.init(row:))
    }

    /// Up to `limit` running items meeting `condition` (on `cases c`) whose current step has no
    /// `mark` yet, earliest due first, skipping those another instance holds.
    static func lockUnmarked(
        _ mark: String, where condition: PostgresQuery, limit: Int, on connection: PostgresConnection
    ) async throws -> [CaseRecord] {
        var query: PostgresQuery = """
            SELECT \(unescaped: CaseRecord.columns(alias: "c")) FROM cases c
            WHERE c.status NOT IN ('closed', 'withdrawn') AND c.paused_at IS NULL AND c.due_at IS NOT NULL AND\(unescaped: " ")
            """
        query.append(condition)
        query.append(
            """
             AND NOT EXISTS (SELECT 1 FROM deadline_marks m WHERE m.case_id = c.id AND m.step_seq = c.step_seq AND m.mark = \(mark))
            ORDER BY c.due_at LIMIT \(limit)
            FOR UPDATE OF c SKIP LOCKED
            """)
        return try await connection.query(query).map(CaseRecord.init(row:))
    }

    /// Records `mark` for the item's current step; false when it was recorded already.
    static func addMark(_ mark: String, to record: CaseRecord, at now: Date, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            """
            INSERT INTO deadline_marks (case_id, step_seq, mark, step, marked_at)
            VALUES (\(record.id), \(record.stepSeq), \(mark), \(record.step ?? ""), \(now))
            ON CONFLICT DO NOTHING
            """) == 1
    }

    /// Up to `limit` replied items whose rating window ended by `now`, skipping those another instance holds.
    static func lockRatingWindowEnded(at now: Date, limit: Int, on connection: PostgresConnection) async throws -> [CaseRecord] {
        try await connection.query(
            """
            SELECT \(unescaped: CaseRecord.columns(alias: "c")) FROM cases c
            WHERE c.status = 'replied' AND c.step = 'rate' AND c.due_at <= \(now)
            ORDER BY c.due_at LIMIT \(limit)
            FOR UPDATE OF c SKIP LOCKED
            """
        ).map(CaseRecord.init(row:))
    }
}
