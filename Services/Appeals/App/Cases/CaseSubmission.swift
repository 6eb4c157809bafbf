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
            let enterprise = try await CaseStore.enterprise(membership.enterpriseID, on: connection)
            let name = enterprise?.name
            let industry = enterprise?.industry
            guard let region = enterprise?.region ?? draft.region else {
                throw APIError.invalid(draft.regionField, "is required (the enterprise is not known to the platform yet)")
            }
            let now = Date()
            let id = UUID()
            guard let scheme = try await DeadlineSchemeStore.schemeCode(for: draft.category, region: region, on: connection) else {
                throw APIError(
                    .conflict, code: "no_deadline_scheme", message: "the platform has no deadline scheme for this city yet",
                    field: draft.regionField)
            }
            var liaison: UUID?
            if draft.kind.hasLiaisonReview {
                liaison = try await CaseStore.liaison(of: membership.enterpriseID, on: connection)
            }
            let status: CaseStatus = liaison == nil ? .dispatching : .reviewing
            try await CaseStore.insert(
                CaseStore.NewCase(
                    id: id, kind: draft.kind, serialNumber: SerialNumbers.provisional(id), enterpriseID: membership.enterpriseID,
                    enterpriseName: name ?? membership.uscc, region: region, industry: industry, category: draft.category,
                    title: draft.title, form: draft.form, status: status, schemeCode: scheme, liaisonOfficialID: liaison,
                    publicRequested: draft.publicRequested, submittedBy: principal.accountID, submittedAt: now),
                on: connection)
            try await sealContacts(draft.personal, caseID: id, replacing: false, on: connection)
            try await CaseStore.addVersion(
                to: id, title: draft.title, detail: draft.detail, authorID: principal.accountID, role: "enterprise", at: now,
                on: connection)
            guard var record = try await CaseStore.lock(id, kind: draft.kind, on: connection) else {
                throw APIError.internalError
            }
            try await DeadlinePlanner(connection: connection, logger: dependencies.logger).enterStep(&record, at: now)
            try await CaseStore.save(record, on: connection)
            record.serialNumber = try await SerialNumbers.assign(to: id, kind: draft.kind, at: now, on: connection)
            let note = liaison == nil && draft.kind.hasLiaisonReview ? "未指定包联干部，直接进入分办" : nil
            try await CaseWorkflow(dependencies: dependencies).archive(
                .init(action: .submitted, note: note), of: record, from: nil,
                by: .init(id: principal.accountID, role: "enterprise", unitID: nil), at: now, on: connection)
            return record
        }
    }

    func sealContacts(_ values: [String: String], caseID: UUID, replacing: Bool, on connection: PostgresConnection) async throws {
        let sealed = try values.sorted { $0.key < $1.key }.map { field, value in (field, try cipher.seal(value), cipher.lookupHash(value)) }
        if replacing {
            try await CaseStore.replaceContacts(of: caseID, with: sealed, on: connection)
        } else {
            try await CaseStore.insertContacts(of: caseID, sealed, on: connection)
        }
    }

    static func checkCategory(_ code: String, kind: CaseKind, field: String, on connection: PostgresConnection) async throws {
        guard try await CategoryStore.isActive(code, kind: kind, on: connection) else {
            throw APIError.unknown(field, "is not a known \(kind.rawValue) category")
        }
    }
}
