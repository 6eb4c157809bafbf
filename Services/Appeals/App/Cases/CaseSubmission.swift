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
            let submitter = try await CaseStore.submitter(
                membership.enterpriseID, category: draft.category, kind: draft.kind, on: connection)
            guard submitter.categoryActive else {
                throw APIError.unknown(draft.categoryField, "is not a known \(draft.kind.rawValue) category")
            }
            try await AttachmentStore.check(
                draft.attachments, field: draft.attachmentsField, enterpriseID: membership.enterpriseID, on: connection)
            guard let region = submitter.enterprise?.region ?? draft.region else {
                throw APIError.invalid(draft.regionField, "is required (the enterprise is not known to the platform yet)")
            }
            let now = Date()
            let id = UUID()
            guard let scheme = try await DeadlineSchemeStore.schemeCode(for: draft.category, region: region, on: connection) else {
                throw APIError(
                    .conflict, code: "no_deadline_scheme", message: "the platform has no deadline scheme for this city yet",
                    field: draft.regionField)
            }
            let liaison = draft.kind.hasLiaisonReview ? submitter.liaisonOfficialID : nil
            var record = CaseRecord(
                submitted: CaseStore.NewCase(
                    id: id, kind: draft.kind, serialNumber: SerialNumbers.provisional(id), enterpriseID: membership.enterpriseID,
                    enterpriseName: submitter.enterprise?.name ?? membership.uscc, region: region,
                    industry: submitter.enterprise?.industry, category: draft.category, title: draft.title, form: draft.form,
                    status: liaison == nil ? .dispatching : .reviewing, schemeCode: scheme, liaisonOfficialID: liaison,
                    publicRequested: draft.publicRequested, submittedBy: principal.accountID, submittedAt: now))
            // The first step is timed before the row is written, so the row is written once.
            let planner = DeadlinePlanner(connection: connection, logger: dependencies.logger)
            let step = try await planner.planStep(&record, at: now)
            try await CaseStore.insert(record, on: connection)
            try await planner.addCheckpoints(of: step, to: record)
            try await sealContacts(draft.personal, caseID: id, replacing: false, on: connection)
            try await CaseStore.addVersion(
                to: id, title: draft.title, detail: draft.detail, authorID: principal.accountID, role: "enterprise", at: now,
                on: connection)
            record.serialNumber = try await SerialNumbers.assign(to: id, kind: draft.kind, at: now, on: connection)
            let note = liaison == nil && draft.kind.hasLiaisonReview ? "未指定包联干部，直接进入分办" : nil
            try await CaseWorkflow(dependencies: dependencies).archive(
                .init(action: .submitted, note: note), of: record, from: nil,
                by: .init(id: principal.accountID, role: "enterprise", unitID: nil), at: now, scheme: step.scheme, on: connection)
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
