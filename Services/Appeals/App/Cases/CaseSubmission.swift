import Contracts
import Foundation
import PersonalData
import Postgres
import ServiceKit

/// Creates an item from a submitted form: serial number, scheme, liaison, sealed personal data,
/// the first text version, the archive entry and the `submitted` event.
struct CaseSubmission {
    let dependencies: ServiceDependencies
    let cipher: FieldCipher

    struct Draft {
        var kind: CaseKind
        var title: String
        var detail: String
        var category: String
        var categoryField: String
        var region: String?
        var regionField: String
        var form: PostgresJSON
        var personal: [String: String]
        var publicRequested: Bool
        var attachments: [UUID]?
        var attachmentsField: String
    }

    func submit(_ draft: Draft, by principal: AccessClaims) async throws -> CaseRecord {
        guard let membership = principal.membership else { throw APIError.forbidden }
        return try await dependencies.pool.withTransaction { connection in
            try await Self.checkCategory(draft.category, kind: draft.kind, field: draft.categoryField, on: connection)
            try await AttachmentStore.check(
                draft.attachments, field: draft.attachmentsField, enterpriseID: membership.enterpriseID, on: connection)
            let enterprise = try await connection.query(
                "SELECT name, region, industry FROM enterprises WHERE enterprise_id = \(membership.enterpriseID)")
            let name = try enterprise.first?.decode("name", as: String.self)
            let industry = try enterprise.first?.decode("industry", as: String.self)
            guard let region = try enterprise.first?.decode("region", as: String.self) ?? draft.region else {
                throw APIError.invalid(draft.regionField, "is required (the enterprise is not known to the platform yet)")
            }
            let now = Date()
            let id = UUID()
            let serial = try await SerialNumbers.next(draft.kind, at: now, on: connection)
            let scheme = try await DeadlineScheme.code(for: draft.category, region: region, on: connection)
            var liaison: UUID?
            if draft.kind.hasLiaisonReview {
                let rows = try await connection.query(
                    """
                    SELECT official_id FROM liaison_assignments WHERE enterprise_id = \(membership.enterpriseID)
                    ORDER BY assigned_at DESC LIMIT 1
                    """)
                liaison = try rows.first?.decode("official_id", as: UUID.self)
            }
            let status: CaseStatus = liaison == nil ? .dispatching : .reviewing
            try await connection.execute(
                """
                INSERT INTO cases (id, kind, serial_number, enterprise_id, enterprise_name, region, industry, category, title,
                    form, status, scheme_code, liaison_official_id, public_requested, submitted_by, submitted_at, updated_at)
                VALUES (\(id), \(draft.kind), \(serial), \(membership.enterpriseID), \(name ?? membership.uscc), \(region),
                    \(industry), \(draft.category), \(draft.title), \(draft.form), \(status), \(scheme), \(liaison), \(draft.publicRequested),
                    \(principal.accountID), \(now), \(now))
                """)
            try await sealContacts(draft.personal, caseID: id, on: connection)
            try await Self.addVersion(
                caseID: id, title: draft.title, detail: draft.detail, authorID: principal.accountID, role: "enterprise", at: now,
                on: connection)
            guard var record = try await CaseRecord.lock(id, kind: draft.kind, on: connection) else {
                throw APIError.internalError
            }
            try await DeadlinePlanner(connection: connection, logger: dependencies.logger).enterStep(&record, at: now)
            try await record.save(on: connection)
            let note = liaison == nil && draft.kind.hasLiaisonReview ? "no liaison official assigned: sent to dispatch" : nil
            try await CaseWorkflow(dependencies: dependencies).archive(
                .init(action: .submitted, note: note), of: record, from: nil,
                by: .init(id: principal.accountID, role: "enterprise", unitID: nil), at: now, on: connection)
            return record
        }
    }

    func sealContacts(_ values: [String: String], caseID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("DELETE FROM case_contacts WHERE case_id = \(caseID)")
        for (field, value) in values {
            let sealed = try cipher.seal(value)
            try await connection.execute(
                """
                INSERT INTO case_contacts (case_id, field, key_id, sealed, lookup_hash)
                VALUES (\(caseID), \(field), \(sealed.keyID), \(sealed.ciphertext), \(cipher.lookupHash(value)))
                """)
        }
    }

    static func checkCategory(_ code: String, kind: CaseKind, field: String, on connection: PostgresConnection) async throws {
        guard try await CategoryStore.isActive(code, kind: kind, on: connection) else { throw APIError.invalid(field, "is not a known \(kind.rawValue) category") }
    }

    static func addVersion(
        caseID: UUID, title: String, detail: String, authorID: UUID, role: String, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO case_versions (case_id, version, author_id, author_role, title, detail, created_at)
            SELECT \(caseID), COALESCE(max(version), 0) + 1, \(authorID), \(role), \(title), \(detail), \(now)
            FROM case_versions WHERE case_id = \(caseID)
            """)
    }
}
