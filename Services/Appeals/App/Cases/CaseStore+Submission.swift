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

    /// The enterprise as projected from identity's events (nil before its first event arrives).
    static func enterprise(
        _ id: UUID, on connection: PostgresConnection
    ) async throws -> (name: String, region: String, industry: String?)? {
        guard let row = try await connection.query("SELECT name, region, industry FROM enterprises WHERE enterprise_id = \(id)").first
        else { return nil }
        return (
            try row.decode("name", as: String.self), try row.decode("region", as: String.self),
            try row.decode("industry", as: String?.self)
        )
    }

    /// The enterprise's most recently assigned liaison official.
    static func liaison(of enterpriseID: UUID, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query(
            """
            SELECT official_id FROM liaison_assignments WHERE enterprise_id = \(enterpriseID)
            ORDER BY assigned_at DESC LIMIT 1
            """
        ).first?.decode("official_id", as: UUID.self)
    }

    static func insert(_ item: NewCase, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO cases (id, kind, serial_number, enterprise_id, enterprise_name, region, industry, category, title,
                form, status, scheme_code, liaison_official_id, public_requested, submitted_by, submitted_at, updated_at)
            VALUES (\(item.id), \(item.kind), \(item.serialNumber), \(item.enterpriseID), \(item.enterpriseName), \(item.region),
                \(item.industry), \(item.category), \(item.title), \(item.form), \(item.status), \(item.schemeCode),
                \(item.liaisonOfficialID), \(item.publicRequested), \(item.submittedBy), \(item.submittedAt), \(item.submittedAt))
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
