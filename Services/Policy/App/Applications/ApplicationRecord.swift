import Contracts
import Foundation
import Postgres

/// One application (申报) for a redemption item, with the item's facts it is judged by.
struct ApplicationRecord: Codable, Sendable {
    /// 收件 (`received`) → 受理/办理 (`processing`) → 办结 (`approved` or `rejected`); a return sends
    /// it to `returned` until the applicant resubmits.
    enum Status: String, Codable, Sendable, CaseIterable {
        case received, returned, processing, approved, rejected

        var isConcluded: Bool { self == .approved || self == .rejected }
    }

    /// A required or optional material of the item, as the applicant supplied it.
    struct Material: Codable, Sendable, Equatable {
        var name: String
        var fileID: UUID
        var fileName: String
        var contentType: String
    }

    var id: UUID
    var itemID: UUID
    var itemTitle: String
    var project: String
    var processingDays: Int
    var unitID: UUID
    var unitName: String?
    var applicantKind: RedemptionItemInput.ApplicantKind
    var enterpriseID: UUID?
    var applicantID: UUID
    var status: Status
    var round: Int
    var materials: [Material]
    var returnReason: String?
    var submittedAt: Date
    var acceptedAt: Date?
    var dueAt: Date?
    var dueSoonAt: Date?
    var deadlineProblem: String?
    var concludedAt: Date?
    /// Yuan, a decimal string; approved applications only.
    var grantedAmount: String?
    var conclusionNote: String?
    var updatedAt: Date

    static let columns = """
        a.application_id, a.item_id, i.title AS item_title, i.project, i.processing_days, a.unit_id,
        (SELECT u.name FROM units u WHERE u.unit_id = a.unit_id) AS unit_name, a.applicant_kind, a.enterprise_id, a.applicant_id,
        a.status, a.round, a.materials, a.return_reason, a.submitted_at, a.accepted_at, a.due_at, a.due_soon_at, a.deadline_problem,
        a.concluded_at, a.granted_amount::text AS granted_amount, a.conclusion_note, a.updated_at
        """
    static let source = "redemption_applications a JOIN redemption_items i ON i.item_id = a.item_id"

    init(row: PostgresRow) throws {
        id = try row.decode("application_id")
        itemID = try row.decode("item_id")
        itemTitle = try row.decode("item_title")
        project = try row.decode("project")
        processingDays = try row.decode("processing_days")
        unitID = try row.decode("unit_id")
        unitName = try row.decode("unit_name")
        applicantKind = RedemptionItemInput.ApplicantKind(rawValue: try row.decode("applicant_kind")) ?? .enterprise
        enterpriseID = try row.decode("enterprise_id")
        applicantID = try row.decode("applicant_id")
        status = Status(rawValue: try row.decode("status")) ?? .received
        round = try row.decode("round")
        materials = try row.decode("materials", as: PostgresJSON.self).decode([Material].self, decoder: EventJSON.makeDecoder())
        returnReason = try row.decode("return_reason")
        submittedAt = try row.decode("submitted_at")
        acceptedAt = try row.decode("accepted_at")
        dueAt = try row.decode("due_at")
        dueSoonAt = try row.decode("due_soon_at")
        deadlineProblem = try row.decode("deadline_problem")
        concludedAt = try row.decode("concluded_at")
        grantedAmount = try row.decode("granted_amount")
        conclusionNote = try row.decode("conclusion_note")
        updatedAt = try row.decode("updated_at")
    }

    init(
        id: UUID, item: RedemptionItemStore.Record, enterpriseID: UUID?, applicantID: UUID, materials: [Material], at now: Date
    ) {
        self.id = id
        itemID = item.id
        itemTitle = item.title
        project = item.project
        processingDays = item.processingDays
        unitID = item.unitID
        unitName = item.unitName
        applicantKind = item.applicantKind
        self.enterpriseID = enterpriseID
        self.applicantID = applicantID
        status = .received
        round = 1
        self.materials = materials
        submittedAt = now
        updatedAt = now
    }

    /// What every stage event says of the application.
    var facts: RedemptionApplicationFacts {
        RedemptionApplicationFacts(
            id: id, itemID: itemID, itemTitle: itemTitle, project: project, unitID: unitID, applicantKind: applicantKind.rawValue,
            enterpriseID: enterpriseID, applicantID: applicantID, round: round, submittedAt: submittedAt)
    }
}
