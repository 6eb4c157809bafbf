import Foundation
import Postgres

/// What a submission reads (the enterprise, its liaison) and writes (the item, its text versions).
extension CaseStore {
    struct NewCase: Sendable {
        var id: UUID
        var kind: CaseKind
        var serialNumber: String
        var enterpriseID: UUID
        var enterpriseName: String
        var region: String
        var industry: String?
        var category: String
        var title: String
        var form: PostgresJSON
        var status: CaseStatus
        var schemeCode: String
        var liaisonOfficialID: UUID?
        var publicRequested: Bool
        var submittedBy: UUID
        var submittedAt: Date
    }

    /// What a submission needs to know before it writes, read in one statement: whether the category
    /// is active for the kind, the enterprise as projected from identity's events (nil before its first
    /// event arrives) and its most recently assigned liaison official.
    struct Submitter: Sendable {
        var categoryActive: Bool
        var enterprise: (name: String, region: String, industry: String?)?
        var liaisonOfficialID: UUID?
    }

    static func submitter(
        _ enterpriseID: UUID, category: String, kind: CaseKind, on connection: PostgresConnection
    ) async throws -> Submitter {
        guard let row = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM categories WHERE code = \(category) AND kind = \(kind.rawValue) AND active) AS category_active,
                e.name, e.region, e.industry,
                (SELECT official_id FROM liaison_assignments WHERE enterprise_id = \(enterpriseID)
                 ORDER BY assigned_at DESC LIMIT 1) AS liaison_official_id
            FROM (SELECT 1) AS one LEFT JOIN enterprises e ON e.enterprise_id = \(enterpriseID)
            """
        ).first else { return Submitter(categoryActive: false) }
        var submitter = Submitter(categoryActive: try row.decode("category_active"), liaisonOfficialID: try row.decode("liaison_official_id"))
        if let name = try row.decode("name", as: String?.self), let region = try row.decode("region", as: String?.self) {
            submitter.enterprise = (name, region, try row.decode("industry", as: String?.self))
        }
        return submitter
    }

    /// Writes a new item whole (its first step already timed), so its row is written once.
    static func insert(_ record: CaseRecord, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO cases (id, kind, serial_number, enterprise_id, enterprise_name, region, industry, category, title,
                form, status, scheme_code, liaison_official_id, step, step_seq, step_started_at, due_soon_at, due_at,
                deadline_problem, public_requested, submitted_by, submitted_at, updated_at)
            VALUES (\(record.id), \(record.kind), \(record.serialNumber), \(record.enterpriseID), \(record.enterpriseName),
                \(record.region), \(record.industry), \(record.category), \(record.title), \(record.form), \(record.status),
                \(record.schemeCode), \(record.liaisonOfficialID), \(record.step), \(record.stepSeq), \(record.stepStartedAt),
                \(record.dueSoonAt), \(record.dueAt), \(record.deadlineProblem), \(record.publicRequested), \(record.submittedBy),
                \(record.submittedAt), \(record.updatedAt))
            """)
    }

    /// The next text version of the item (the enterprise's, or a liaison's correction).
    static func addVersion(
        to caseID: UUID, title: String, detail: String, authorID: UUID, role: String, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO case_versions (case_id, version, author_id, author_role, title, detail, created_at)
            SELECT \(caseID), COALESCE(max(version), 0) + 1, \(authorID), \(role), \(title), \(detail), \(now)
            FROM case_versions WHERE case_id = \(caseID)
            """)
    }
}

extension CaseRecord {
    /// A new item as submitted: nothing handled yet, no step timed.
    init(submitted item: CaseStore.NewCase) {
        id = item.id
        kind = item.kind
        serialNumber = item.serialNumber
        enterpriseID = item.enterpriseID
        enterpriseName = item.enterpriseName
        region = item.region
        industry = item.industry
        category = item.category
        title = item.title
        form = item.form
        status = item.status
        schemeCode = item.schemeCode
        liaisonOfficialID = item.liaisonOfficialID
        stepSeq = 0
        publicRequested = item.publicRequested
        unrated = false
        major = false
        submittedBy = item.submittedBy
        submittedAt = item.submittedAt
        updatedAt = item.submittedAt
    }
}
