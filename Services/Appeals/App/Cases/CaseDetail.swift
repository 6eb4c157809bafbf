import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres

/// An item as its enterprise and its officials see it, with every text version and what happened.
struct CaseDetail: ResponseCodable {
    struct Version: Codable, Sendable {
        var version: Int
        var authorRole: String
        var title: String
        var detail: String
        var createdAt: Date
    }

    struct CoHandler: Codable, Sendable {
        var unitID: UUID
        var unitName: String
        var addedAt: Date
    }

    struct Progress: Codable, Sendable {
        var checkpoint: String?
        var content: String
        var unitID: UUID?
        var at: Date
    }

    struct Checkpoint: Codable, Sendable {
        var step: String
        var dueAt: Date?
        var reportedAt: Date?
    }

    struct Escalation: Codable, Sendable {
        var id: UUID
        var step: String?
        var note: String
        var inspectorID: UUID
        var at: Date
    }

    struct Rating: Codable, Sendable {
        var solved: Bool?
        var satisfied: Bool?
        var unrated: Bool
    }

    struct Plan: Codable, Sendable {
        var version: Int
        var resolveBy: String
        var milestones: [PlanMilestone]
        var reason: String
        var unitID: UUID?
        var filedAt: Date
    }

    var summary: CaseSummary
    var appealForm: AppealForm?
    var complaintForm: ComplaintForm?
    var versions: [Version]
    var coHandlers: [CoHandler]
    var progress: [Progress]
    var checkpoints: [Checkpoint]
    var reply: CaseReply?
    var rating: Rating
    var escalations: [Escalation]
    var majorReason: String?
    /// A major matter's plans, oldest first; the last one times the item.
    var plans: [Plan]
    var returnedReason: String?
    var deadlineProblem: String?
    var publicRequested: Bool

    /// The item's detail, its personal values shown to `relation` as `policy` says.
    static func load(
        _ record: CaseRecord, shownAs relation: CaseRelation, policy: DisclosurePolicy<CaseRelation>, cipher: FieldCipher,
        on connection: PostgresConnection
    ) async throws -> CaseDetail {
        let fields = record.kind == .appeal ? AppealForm.personalFields : ComplaintForm.personalFields
        var personal: [String: String] = [:]
        for row in try await connection.query("SELECT field, key_id, sealed FROM case_contacts WHERE case_id = \(record.id)") {
            // A field the form does not declare is never shown.
            guard let field = fields[try row.decode("field", as: String.self)] else { continue }
            let value: String = try cipher.open(SealedField(keyID: try row.decode("key_id"), ciphertext: try row.decode("sealed")))
            let shown: String = policy.show(value, as: field, to: relation)
            personal[try row.decode("field")] = shown
        }
        let liaisonName = try await connection.query(
            "SELECT name FROM officials WHERE official_id = \(record.liaisonOfficialID)"
        ).first?.decode("name", as: String.self)
        let decoder = JSONDecoder()
        var appealForm: AppealForm?
        var complaintForm: ComplaintForm?
        switch record.kind {
        case .appeal: appealForm = try record.form.decode(AppealForm.self, decoder: decoder).with(personal: personal)
        case .complaint: complaintForm = try record.form.decode(ComplaintForm.self, decoder: decoder).with(personal: personal)
        }
        let versions = try await connection.query(
            "SELECT version, author_role, title, detail, created_at FROM case_versions WHERE case_id = \(record.id) ORDER BY version"
        ).map { row in
            Version(
                version: try row.decode("version"), authorRole: try row.decode("author_role"), title: try row.decode("title"),
                detail: try row.decode("detail"), createdAt: try row.decode("created_at"))
        }
        let coHandlers = try await connection.query(
            "SELECT unit_id, unit_name, added_at FROM case_co_handlers WHERE case_id = \(record.id) ORDER BY added_at"
        ).map { row in
            CoHandler(unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"), addedAt: try row.decode("added_at"))
        }
        let progress = try await connection.query(
            "SELECT checkpoint, content, unit_id, at FROM case_progress WHERE case_id = \(record.id) ORDER BY at"
        ).map { row in
            Progress(
                checkpoint: try row.decode("checkpoint"), content: try row.decode("content"), unitID: try row.decode("unit_id"),
                at: try row.decode("at"))
        }
        let checkpoints = try await connection.query(
            """
            SELECT step, due_at, reported_at FROM case_checkpoints WHERE case_id = \(record.id) AND step_seq = \(record.stepSeq)
            ORDER BY step
            """
        ).map { row in
            Checkpoint(step: try row.decode("step"), dueAt: try row.decode("due_at"), reportedAt: try row.decode("reported_at"))
        }
        let escalations = try await connection.query(
            "SELECT id, step, note, inspector_id, at FROM escalations WHERE case_id = \(record.id) ORDER BY at"
        ).map { row in
            Escalation(
                id: try row.decode("id"), step: try row.decode("step"), note: try row.decode("note"),
                inspectorID: try row.decode("inspector_id"), at: try row.decode("at"))
        }
        let plans = try await connection.query(
            """
            SELECT version, to_char(resolve_by, 'YYYY-MM-DD') AS resolve_by, milestones, reason, unit_id, filed_at
            FROM case_plans WHERE case_id = \(record.id) ORDER BY version
            """
        ).map { row in
            Plan(
                version: try row.decode("version"), resolveBy: try row.decode("resolve_by"),
                milestones: try row.decode("milestones", as: PostgresJSON.self).decode([PlanMilestone].self, decoder: decoder),
                reason: try row.decode("reason"), unitID: try row.decode("unit_id"), filedAt: try row.decode("filed_at"))
        }
        return CaseDetail(
            summary: CaseSummary(record, liaisonName: liaisonName, now: Date()), appealForm: appealForm,
            complaintForm: complaintForm, versions: versions, coHandlers: coHandlers, progress: progress,
            checkpoints: checkpoints, reply: try record.reply?.decode(CaseReply.self, decoder: EventJSON.makeDecoder()),
            rating: Rating(solved: record.solved, satisfied: record.satisfied, unrated: record.unrated),
            escalations: escalations, majorReason: record.majorReason, plans: plans, returnedReason: record.returnedReason, deadlineProblem: record.deadlineProblem,
            publicRequested: record.publicRequested)
    }
}

/// The handling unit's answer (答复): handler, unit, phone, time, content.
struct CaseReply: Codable, Sendable, Equatable {
    var handlerName: String
    var unitID: UUID?
    var unitName: String?
    var phone: String
    var content: String
    var repliedAt: Date
}
