import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

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
        for (name, sealed) in try await CaseStore.contacts(of: record.id, on: connection) {
            // A field the form does not declare is never shown.
            guard let field = fields[name] else { continue }
            let value: String = try cipher.open(sealed)
            let shown: String = policy.show(value, as: field, to: relation)
            personal[name] = shown
        }
        let liaisonName = try await CaseStore.officialName(record.liaisonOfficialID, on: connection)
        let decoder = JSONDecoder()
        var appealForm: AppealForm?
        var complaintForm: ComplaintForm?
        switch record.kind {
        case .appeal: appealForm = try record.form.decode(AppealForm.self, decoder: decoder).with(personal: personal)
        case .complaint: complaintForm = try record.form.decode(ComplaintForm.self, decoder: decoder).with(personal: personal)
        }
        let versions = try await CaseStore.versions(of: record.id, on: connection)
        let coHandlers = try await CaseStore.coHandlers(of: record.id, on: connection)
        let progress = try await CaseStore.progress(of: record.id, on: connection)
        let checkpoints = try await CaseStore.checkpoints(of: record, on: connection)
        let escalations = try await CaseStore.escalations(of: record.id, on: connection)
        let plans = try await CaseStore.plans(of: record.id, on: connection)
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
