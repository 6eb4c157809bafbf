import Contracts
import Foundation
import Postgres
import ServiceKit

/// The statements of an item's handling besides the record itself (`CaseRecord` reads, locks and
/// saves that): its archive, co-handlers, progress, checkpoints, escalations, plans and units.
enum CaseStore {
    /// One archive entry: who (by name and unit, not only ids), when, from, to, the note and the
    /// step's facts (`CaseArchive.Facts`, flattened).
    struct ArchiveEntry: Codable, Sendable {
        var action: String
        var fromStatus: String?
        var toStatus: String
        var actorID: UUID?
        var actorRole: String
        var actorName: String?
        var actorUnitID: UUID?
        /// The official's unit, or the enterprise for an enterprise's entries.
        var actorUnitName: String?
        var note: String?
        var unitID: UUID?
        var unitName: String?
        var solved: Bool?
        var satisfied: Bool?
        var content: String?
        var handlerName: String?
        var at: Date
    }

    /// The archive (档案): every transition in order. Entries written before names were kept get
    /// them from the projected officials and units.
    static func archive(of id: UUID, paging: Paging, on connection: PostgresConnection) async throws -> Page<ArchiveEntry> {
        try await connection.page(
            """
            SELECT h.seq, h.action, h.from_status, h.to_status, h.actor_id, h.actor_role, h.actor_unit_id, h.note, h.at, h.facts,
                COALESCE(h.actor_name, o.name, CASE WHEN h.actor_role = 'system' THEN '系统' END) AS actor_name,
                COALESCE(h.actor_unit_name, u.name, CASE WHEN h.actor_role = 'enterprise' THEN c.enterprise_name END) AS actor_unit_name
            FROM case_history h JOIN cases c ON c.id = h.case_id
                LEFT JOIN officials o ON o.official_id = h.actor_id LEFT JOIN units u ON u.unit_id = h.actor_unit_id
            WHERE h.case_id = \(id)
            """,
            orderBy: "h.seq", paging: paging
        ) { row in
            let facts = try row.decode("facts", as: PostgresJSON?.self)?.decode(CaseArchive.Facts.self) ?? CaseArchive.Facts()
            return ArchiveEntry(
                action: try row.decode("action"), fromStatus: try row.decode("from_status"), toStatus: try row.decode("to_status"),
                actorID: try row.decode("actor_id"), actorRole: try row.decode("actor_role"), actorName: try row.decode("actor_name"),
                actorUnitID: try row.decode("actor_unit_id"), actorUnitName: try row.decode("actor_unit_name"),
                note: try row.decode("note"), unitID: facts.unitID, unitName: facts.unitName, solved: facts.solved,
                satisfied: facts.satisfied, content: facts.content, handlerName: facts.handlerName, at: try row.decode("at"))
        }
    }

    /// One archive entry: a transition from `from` (nil for the submission) to `to`, with the actor's
    /// name and unit as they are now (an enterprise's entries name the enterprise; the system's, 系统).
    static func addHistory(
        of caseID: UUID, action: String, from: CaseStatus?, to: CaseStatus, by actor: CaseWorkflow.Actor, note: String?,
        facts: CaseArchive.Facts?, enterpriseName: String, at now: Date, on connection: PostgresConnection
    ) async throws {
        let factsJSON = try facts.map { try PostgresJSON(encoding: $0) }
        let isEnterprise = actor.role == "enterprise"
        let systemName: String? = actor.id == nil ? "系统" : nil
        try await connection.execute(
            """
            INSERT INTO case_history (case_id, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note, at,
                actor_name, actor_unit_name, facts)
            VALUES (\(caseID), \(action), \(from), \(to), \(actor.id), \(actor.role), \(actor.unitID), \(note), \(now),
                COALESCE((SELECT name FROM officials WHERE official_id = \(actor.id)), \(systemName)),
                COALESCE((SELECT name FROM units WHERE unit_id = \(actor.unitID)), \(isEnterprise ? enterpriseName : nil)),
                \(factsJSON))
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

    /// Takes the next number of the month's counter for `prefix` and gives it to the item, in one
    /// statement: `prefix` + `month` + the number, zero-padded to four digits. The counter row stays
    /// locked until the transaction ends, so callers take it as late as they can.
    static func assignSerial(to id: UUID, prefix: String, month: String, on connection: PostgresConnection) async throws -> String {
        try await connection.query(
            """
            WITH counter AS (
                INSERT INTO serial_counters (prefix, month, last) VALUES (\(prefix), \(month), 1)
                ON CONFLICT (prefix, month) DO UPDATE SET last = serial_counters.last + 1
                RETURNING last)
            UPDATE cases SET serial_number = \(prefix) || \(month) || CASE WHEN counter.last < 10000
                THEN lpad(counter.last::text, 4, '0') ELSE counter.last::text END
            FROM counter WHERE cases.id = \(id)
            RETURNING serial_number
            """
        )[0].decode("serial_number", as: String.self)
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
