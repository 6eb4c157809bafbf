import Foundation
import Postgres

/// One row of `cases`, as the workflow reads and writes it.
struct CaseRecord: Sendable {
    var id: UUID
    var kind: CaseKind
    var serialNumber: String
    var enterpriseID: UUID
    var enterpriseName: String
    var region: String
    /// The enterprise's GB/T 4754 section when it was submitted (industry groups dispatch by it).
    var industry: String?
    var category: String
    var title: String
    var form: PostgresJSON
    var status: CaseStatus
    var schemeCode: String
    var liaisonOfficialID: UUID?
    var leadUnitID: UUID?
    var leadUnitName: String?
    var returnedReason: String?
    var step: String?
    var stepSeq: Int
    var stepStartedAt: Date?
    var dueSoonAt: Date?
    var dueAt: Date?
    var deadlineProblem: String?
    var pausedAt: Date?
    var publicRequested: Bool
    var registerWithheld: String?
    var reply: PostgresJSON?
    var repliedAt: Date?
    var solved: Bool?
    var satisfied: Bool?
    var unrated: Bool
    var major: Bool
    var majorReason: String?
    var submittedBy: UUID
    var submittedAt: Date
    var closedAt: Date?
    var updatedAt: Date

    static let columns = """
        id, kind, serial_number, enterprise_id, enterprise_name, region, industry, category, title, form, status, scheme_code,
        liaison_official_id, lead_unit_id, lead_unit_name, returned_reason, step, step_seq, step_started_at, due_soon_at,
        due_at, deadline_problem, paused_at, public_requested, register_withheld, reply, replied_at, solved, satisfied,
        unrated, major, major_reason, submitted_by, submitted_at, closed_at, updated_at
        """

    /// The columns qualified with a table alias, for joins.
    static func columns(alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }
            .joined(separator: ", ")
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        kind = try row.decode("kind")
        serialNumber = try row.decode("serial_number")
        enterpriseID = try row.decode("enterprise_id")
        enterpriseName = try row.decode("enterprise_name")
        region = try row.decode("region")
        industry = try row.decode("industry")
        category = try row.decode("category")
        title = try row.decode("title")
        form = try row.decode("form")
        status = try row.decode("status")
        schemeCode = try row.decode("scheme_code")
        liaisonOfficialID = try row.decode("liaison_official_id")
        leadUnitID = try row.decode("lead_unit_id")
        leadUnitName = try row.decode("lead_unit_name")
        returnedReason = try row.decode("returned_reason")
        step = try row.decode("step")
        stepSeq = try row.decode("step_seq")
        stepStartedAt = try row.decode("step_started_at")
        dueSoonAt = try row.decode("due_soon_at")
        dueAt = try row.decode("due_at")
        deadlineProblem = try row.decode("deadline_problem")
        pausedAt = try row.decode("paused_at")
        publicRequested = try row.decode("public_requested")
        registerWithheld = try row.decode("register_withheld")
        reply = try row.decode("reply")
        repliedAt = try row.decode("replied_at")
        solved = try row.decode("solved")
        satisfied = try row.decode("satisfied")
        unrated = try row.decode("unrated")
        major = try row.decode("major")
        majorReason = try row.decode("major_reason")
        submittedBy = try row.decode("submitted_by")
        submittedAt = try row.decode("submitted_at")
        closedAt = try row.decode("closed_at")
        updatedAt = try row.decode("updated_at")
    }
}
