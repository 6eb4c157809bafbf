import Contracts
import Foundation
import Postgres
import ServiceKit

/// The statements of an item's handling besides the record itself (`CaseRecord` reads, locks and
/// saves that): its archive, co-handlers, progress, checkpoints, escalations, plans and units.
enum CaseStore {
    struct ArchiveEntry: Codable, Sendable {
        var action: String
        var fromStatus: String?
        var toStatus: String
        var actorID: UUID?
        var actorRole: String
        var actorUnitID: UUID?
        var note: String?
        var at: Date
    }

    /// The archive (档案): every transition in order.
    static func archive(of id: UUID, paging: Paging, on connection: PostgresConnection) async throws -> Page<ArchiveEntry> {
        try await connection.page(
            """
            SELECT seq, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note, at FROM case_history
            WHERE case_id = \(id)
            """,
            orderBy: "seq", paging: paging
        ) { row in
            ArchiveEntry(
                action: try row.decode("action"), fromStatus: try row.decode("from_status"), toStatus: try row.decode("to_status"),
                actorID: try row.decode("actor_id"), actorRole: try row.decode("actor_role"),
                actorUnitID: try row.decode("actor_unit_id"), note: try row.decode("note"), at: try row.decode("at"))
        }
    }

    /// One archive entry: a transition from `from` (nil for the submission) to `to`.
    static func addHistory(
        of caseID: UUID, action: String, from: CaseStatus?, to: CaseStatus, by actor: CaseWorkflow.Actor, note: String?,
        at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO case_history (case_id, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note, at)
            VALUES (\(caseID), \(action), \(from), \(to), \(actor.id), \(actor.role), \(actor.unitID), \(note), \(now))
            """)
    }

    /// When and by which unit the item was last dispatched.
    static func lastDispatch(of id: UUID, on connection: PostgresConnection) async throws -> (at: Date?, unitName: String?) {
        let row = try await connection.query(
            """
            SELECT h.at, u.name AS unit_name FROM case_history h LEFT JOIN units u ON u.unit_id = h.actor_unit_id
            WHERE h.case_id = \(id) AND h.action IN ('dispatched', 'reassigned') ORDER BY h.seq DESC LIMIT 1
            """
        ).first
        return (try row?.decode("at", as: Date?.self), try row?.decode("unit_name", as: String?.self))
    }

    /// The next number of the month's counter (its row stays locked until the transaction ends).
    static func nextSerial(prefix: String, month: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(
            """
            INSERT INTO serial_counters (prefix, month, last) VALUES (\(prefix), \(month), 1)
            ON CONFLICT (prefix, month) DO UPDATE SET last = serial_counters.last + 1
            RETURNING last
            """
        )[0].decode("last", as: Int.self)
    }

    /// A known unit's name, or a 400 naming `unitID`.
    static func unitName(_ unitID: UUID, on connection: PostgresConnection) async throws -> String {
        guard let name = try await connection.query("SELECT name FROM units WHERE unit_id = \(unitID)").first?
            .decode("name", as: String.self)
        else { throw APIError.invalid("unitID", "is not a known unit") }
        return name
    }

    /// A unit's kind and region, as projected from identity's events.
    static func unit(_ unitID: UUID, on connection: PostgresConnection) async throws -> (kind: String, region: String)? {
        guard let row = try await connection.query("SELECT kind, region FROM units WHERE unit_id = \(unitID)").first else {
            return nil
        }
        return (try row.decode("kind", as: String.self), try row.decode("region", as: String.self))
    }

    /// The industries (GB/T 4754 sections) an industry group's dispatchers cover.
    static func industries(dispatchedBy unitID: UUID, on connection: PostgresConnection) async throws -> [String] {
        try await connection.query(
            "SELECT industry FROM dispatch_group_industries WHERE unit_id = \(unitID) ORDER BY industry"
        ).map { try $0.decode("industry", as: String.self) }
    }

    /// False when the unit is a co-handler already.
    static func addCoHandler(
        _ unitID: UUID, name: String, to caseID: UUID, by accountID: UUID, at now: Date, on connection: PostgresConnection
    ) async throws -> Bool {
        try await connection.execute(
            """
            INSERT INTO case_co_handlers (case_id, unit_id, unit_name, added_by, added_at)
            VALUES (\(caseID), \(unitID), \(name), \(accountID), \(now))
            ON CONFLICT DO NOTHING
            """) == 1
    }

    static func isCoHandler(_ unitID: UUID, of caseID: UUID, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM case_co_handlers WHERE case_id = \(caseID) AND unit_id = \(unitID)")).isEmpty
    }

    /// Marks the open checkpoint `step` of the current step reported; false when there is none.
    static func reportCheckpoint(
        _ step: String, of record: CaseRecord, at now: Date, on connection: PostgresConnection
    ) async throws -> Bool {
        try await connection.execute(
            """
            UPDATE case_checkpoints SET reported_at = \(now)
            WHERE case_id = \(record.id) AND step = \(step) AND step_seq = \(record.stepSeq) AND reported_at IS NULL
            """) == 1
    }

    static func addProgress(
        to caseID: UUID, checkpoint: String?, content: String, by principal: AccessClaims, at now: Date,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO case_progress (id, case_id, checkpoint, content, reported_by, unit_id, at)
            VALUES (\(UUID()), \(caseID), \(checkpoint), \(content), \(principal.accountID), \(principal.unitID), \(now))
            """)
    }

    /// An inspector's escalation (督办), kept for good; its id.
    static func addEscalation(
        of record: CaseRecord, note: String, by inspectorID: UUID, at now: Date, on connection: PostgresConnection
    ) async throws -> UUID {
        let id = UUID()
        try await connection.execute(
            """
            INSERT INTO escalations (id, case_id, step, due_at, note, inspector_id, at)
            VALUES (\(id), \(record.id), \(record.step), \(record.dueAt), \(note), \(inspectorID), \(now))
            """)
        return id
    }

    /// Files the next version of a major matter's plan; its version number.
    static func addPlan(
        to caseID: UUID, resolveBy: String, milestones: [PlanMilestone], reason: String, by principal: AccessClaims, at now: Date,
        on connection: PostgresConnection
    ) async throws -> Int {
        let version = try await connection.query(
            "SELECT COALESCE(max(version), 0) + 1 AS next FROM case_plans WHERE case_id = \(caseID)"
        )[0].decode("next", as: Int.self)
        let json = try PostgresJSON(encoding: milestones, encoder: EventJSON.makeEncoder())
        try await connection.execute(
            """
            INSERT INTO case_plans (case_id, version, resolve_by, milestones, reason, filed_by, unit_id, filed_at)
            VALUES (\(caseID), \(version), \(resolveBy)::date, \(json), \(reason), \(principal.accountID), \(principal.unitID), \(now))
            """)
        return version
    }

    static func setCategory(_ category: String, of caseID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE cases SET category = \(category) WHERE id = \(caseID)")
    }
}
