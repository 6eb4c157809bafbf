import Contracts
import Foundation
import Postgres
import ServiceKit

/// Every statement on applications (`redemption_applications`), their stage history and marks.
enum ApplicationStore {
    static let noun = "application"

    static func insert(_ record: ApplicationRecord, on connection: PostgresConnection) async throws {
        do {
            try await connection.execute(
                """
                INSERT INTO redemption_applications (application_id, item_id, unit_id, applicant_kind, enterprise_id, applicant_id, status,
                    round, materials, file_ids, submitted_at, updated_at)
                VALUES (\(record.id), \(record.itemID), \(record.unitID), \(record.applicantKind.rawValue), \(record.enterpriseID),
                    \(record.applicantID), \(record.status.rawValue), \(record.round), \(try materials(record.materials)), \(record.materials.map(\.fileID)), \(record.submittedAt),
                    \(record.updatedAt))
                """)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError.conflict("an application for this item is still open; it can be applied for again once that one is concluded")
        }
    }

    static func find(_ id: UUID, forUpdate: Bool, on connection: PostgresConnection) async throws -> ApplicationRecord? {
        try await connection.query(
            """
            SELECT \(unescaped: ApplicationRecord.columns) FROM \(unescaped: ApplicationRecord.source)
            WHERE a.application_id = \(id)\(unescaped: forUpdate ? " FOR UPDATE OF a" : "")
            """
        ).first.map(ApplicationRecord.init(row:))
    }

    /// Writes the record's changeable columns back.
    static func save(_ record: ApplicationRecord, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE redemption_applications SET status = \(record.status.rawValue), round = \(record.round),
                materials = \(try materials(record.materials)), file_ids = \(record.materials.map(\.fileID)), return_reason = \(record.returnReason), accepted_at = \(record.acceptedAt),
                due_at = \(record.dueAt), due_soon_at = \(record.dueSoonAt), deadline_problem = \(record.deadlineProblem),
                concluded_at = \(record.concludedAt), granted_amount = \(record.grantedAmount)::numeric,
                conclusion_note = \(record.conclusionNote), updated_at = \(record.updatedAt)
            WHERE application_id = \(record.id)
            """)
    }

    private static func materials(_ materials: [ApplicationRecord.Material]) throws -> PostgresJSON {
        try PostgresJSON(encoding: materials, encoder: EventJSON.makeEncoder())
    }

    // MARK: History

    struct Stage: Codable, Sendable {
        var action: String
        var fromStatus: String?
        var toStatus: String
        var round: Int
        var by: UUID?
        var at: Date
        var note: String?
    }

    static func appendStage(_ stage: Stage, of id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO application_history (application_id, seq, action, from_status, to_status, round, by_account, at, note)
            SELECT \(id), coalesce(max(seq), 0) + 1, \(stage.action), \(stage.fromStatus), \(stage.toStatus), \(stage.round), \(stage.by),
                \(stage.at), \(stage.note)
            FROM application_history WHERE application_id = \(id)
            """)
    }

    static func stages(of id: UUID, on connection: PostgresConnection) async throws -> [Stage] {
        try await connection.query(
            """
            SELECT action, from_status, to_status, round, by_account, at, note FROM application_history
            WHERE application_id = \(id) ORDER BY seq
            """
        ).map { row in
            Stage(
                action: try row.decode("action"), fromStatus: try row.decode("from_status"), toStatus: try row.decode("to_status"),
                round: try row.decode("round"), by: try row.decode("by_account"), at: try row.decode("at"), note: try row.decode("note"))
        }
    }

    // MARK: Marks

    /// Records `mark` (dueSoon, overdue) once; false when it was recorded already.
    static func addMark(_ mark: String, to id: UUID, at now: Date, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            "INSERT INTO application_marks (application_id, mark, marked_at) VALUES (\(id), \(mark), \(now)) ON CONFLICT DO NOTHING") == 1
    }

    static func marks(of id: UUID, on connection: PostgresConnection) async throws -> [String] {
        try await connection.query("SELECT mark FROM application_marks WHERE application_id = \(id) ORDER BY marked_at")
            .map { try $0.decode("mark", as: String.self) }
    }

    /// Up to `limit` applications in processing meeting `condition` (on `a`) without `mark`, earliest
    /// due first, skipping those another instance holds.
    static func lockUnmarked(_ mark: String, where condition: PostgresQuery, limit: Int, on connection: PostgresConnection) async throws
        -> [ApplicationRecord]
    {
        var query: PostgresQuery = """
            SELECT \(unescaped: ApplicationRecord.columns) FROM \(unescaped: ApplicationRecord.source)
            WHERE a.status = 'processing' AND a.due_at IS NOT NULL AND\(unescaped: " ")
            """
        query.append(condition)
        query.append(
            """
             AND NOT EXISTS (SELECT 1 FROM application_marks m WHERE m.application_id = a.application_id AND m.mark = \(mark))
            ORDER BY a.due_at LIMIT \(limit)
            FOR UPDATE OF a SKIP LOCKED
            """)
        return try await connection.query(query).map(ApplicationRecord.init(row:))
    }

    /// Applications in processing whose limit could not be timed for want of a calendar year.
    static func lockWithoutDeadline(limit: Int, on connection: PostgresConnection) async throws -> [ApplicationRecord] {
        try await connection.query(
            """
            SELECT \(unescaped: ApplicationRecord.columns) FROM \(unescaped: ApplicationRecord.source)
            WHERE a.status = 'processing' AND a.deadline_problem IS NOT NULL
            ORDER BY a.accepted_at LIMIT \(limit) FOR UPDATE OF a SKIP LOCKED
            """
        ).map(ApplicationRecord.init(row:))
    }
}
