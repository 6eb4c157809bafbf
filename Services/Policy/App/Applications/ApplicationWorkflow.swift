import Contracts
import Foundation
import Outbox
import Postgres
import ServiceKit
import WorkCalendar

/// The five steps of art. 6 for one application: 项目申报 (`submit`), 收件 → 受理 (`accept`, or
/// `sendBack` for correction and `resubmit`), 办理 timed from acceptance by the item's limit in
/// working days (`ApplicationDeadlines`), 办结 (`conclude`). Each step is one transaction with its
/// stage history row, its audit row and its event.
struct ApplicationWorkflow {
    let dependencies: ServiceDependencies

    /// An applicant applies for a published item inside its window with the item's materials.
    func submit(
        to itemID: UUID, materials entries: [(name: String, fileID: UUID)], by principal: AccessClaims, at now: Date = Date()
    ) async throws -> ApplicationRecord {
        try await dependencies.pool.withTransaction { connection in
            guard let item = try await RedemptionItemStore.find(itemID, forUpdate: false, on: connection), item.status == .published else {
                throw APIError.notFound(RedemptionItemStore.noun)
            }
            let enterpriseID = try Self.applicant(principal, for: item)
            try Self.checkWindow(item, today: BeijingDate.text(now))
            let materials = try await Self.materials(entries, for: item, by: principal.accountID, on: connection)
            let record = ApplicationRecord(
                id: UUID(), item: item, enterpriseID: enterpriseID, applicantID: principal.accountID, materials: materials, at: now)
            try await ApplicationStore.insert(record, on: connection)
            let transition = try await stage("submitted", record, from: nil, by: principal.accountID, at: now, on: connection)
            try await dependencies.outbox.append(RedemptionApplicationSubmitted(application: record.facts, transition: transition), on: connection)
            return record
        }
    }

    /// The applicant sends a returned application again with corrected materials (a new round).
    func resubmit(
        _ id: UUID, materials entries: [(name: String, fileID: UUID)], by principal: AccessClaims, at now: Date = Date()
    ) async throws -> ApplicationRecord {
        try await change(id, by: principal, at: now, may: ApplicationAccess.applies) { record, connection in
            guard record.status == .returned else { throw APIError.conflict("only a returned application is resubmitted; this one is \(record.status.rawValue)") }
            guard let item = try await RedemptionItemStore.find(record.itemID, forUpdate: false, on: connection) else {
                throw APIError.notFound(RedemptionItemStore.noun)
            }
            record.materials = try await Self.materials(entries, for: item, by: principal.accountID, on: connection)
            record.status = .received
            record.round += 1
            record.returnReason = nil
            let transition = try await stage("resubmitted", record, from: .returned, by: principal.accountID, at: now, on: connection)
            return RedemptionApplicationResubmitted(application: record.facts, transition: transition)
        }
    }

    /// 受理: the unit found the materials complete; processing is timed from now.
    func accept(_ id: UUID, by official: AccessClaims, at now: Date = Date()) async throws -> ApplicationRecord {
        try await change(id, by: official, at: now, may: ApplicationAccess.handles) { record, connection in
            guard record.status == .received else { throw APIError.conflict("only a received application is accepted; this one is \(record.status.rawValue)") }
            record.status = .processing
            record.acceptedAt = now
            try await ApplicationDeadlines.time(&record, on: connection)
            let transition = try await stage("accepted", record, from: .received, by: official.accountID, at: now, on: connection)
            return RedemptionApplicationAccepted(
                application: record.facts, transition: transition, processingDays: record.processingDays, dueAt: record.dueAt)
        }
    }

    /// 退回: the materials need correcting; the applicant is told the reason.
    func sendBack(_ id: UUID, reason: String, by official: AccessClaims, at now: Date = Date()) async throws -> ApplicationRecord {
        try await change(id, by: official, at: now, may: ApplicationAccess.handles) { record, connection in
            guard record.status == .received else { throw APIError.conflict("only a received application is returned; this one is \(record.status.rawValue)") }
            record.status = .returned
            record.returnReason = reason
            let transition = try await stage("returned", record, from: .received, by: official.accountID, note: reason, at: now, on: connection)
            return RedemptionApplicationReturned(application: record.facts, transition: transition, reason: reason)
        }
    }

    /// 办结: approved with the amount granted, or rejected with the reason.
    func conclude(
        _ id: UUID, _ conclusion: (decision: ApplicationInput.Conclusion.Decision, amount: String?, note: String?), by official: AccessClaims,
        at now: Date = Date()
    ) async throws -> ApplicationRecord {
        try await change(id, by: official, at: now, may: ApplicationAccess.handles) { record, connection in
            guard record.status == .processing else {
                throw APIError.conflict("only an application in processing is concluded; this one is \(record.status.rawValue)")
            }
            record.status = conclusion.decision == .approved ? .approved : .rejected
            record.concludedAt = now
            record.grantedAmount = conclusion.amount
            record.conclusionNote = conclusion.note
            let transition = try await stage("concluded", record, from: .processing, by: official.accountID, note: conclusion.note, at: now, on: connection)
            return RedemptionApplicationConcluded(
                application: record.facts, transition: transition, decision: conclusion.decision.rawValue, grantedAmount: conclusion.amount,
                reason: conclusion.decision == .rejected ? conclusion.note : nil, dueAt: record.dueAt, onTime: record.dueAt.map { now <= $0 } ?? true)
        }
    }

    /// One step on a locked application that `principal` may take (404 when they cannot see it, 403
    /// when they see it but may not act): the step changes the record and gives its event.
    private func change<Event: DomainEvent>(
        _ id: UUID, by principal: AccessClaims, at now: Date, may allowed: @escaping @Sendable (AccessClaims, ApplicationRecord) -> Bool,
        _ step: @escaping @Sendable (inout ApplicationRecord, PostgresConnection) async throws -> Event
    ) async throws -> ApplicationRecord {
        try await dependencies.pool.withTransaction { connection in
            guard var record = try await ApplicationStore.find(id, forUpdate: true, on: connection), ApplicationAccess.sees(principal, record) else {
                throw APIError.notFound(ApplicationStore.noun)
            }
            guard allowed(principal, record) else { throw APIError.forbidden }
            let event = try await step(&record, connection)
            record.updatedAt = now
            try await ApplicationStore.save(record, on: connection)
            try await dependencies.outbox.append(event, on: connection)
            return record
        }
    }

    /// Records the stage (history and audit) and gives the transition the event carries.
    private func stage(
        _ action: String, _ record: ApplicationRecord, from: ApplicationRecord.Status?, by accountID: UUID, note: String? = nil, at now: Date,
        on connection: PostgresConnection
    ) async throws -> RedemptionApplicationTransition {
        try await ApplicationStore.appendStage(
            .init(action: action, fromStatus: from?.rawValue, toStatus: record.status.rawValue, round: record.round, by: accountID, at: now, note: note),
            of: record.id, on: connection)
        var detail: [String: JSONValue] = ["to": .string(record.status.rawValue), "round": .int(record.round)]
        if let note { detail["note"] = .string(note) }
        try await AuditTrail.append(
            AuditEntry(
                action: "redemptionApplication.\(action)", subjectKind: "redemptionApplication", subjectID: record.id.uuidString.lowercased(),
                actorID: accountID, actorRole: from == nil || from == .returned ? "applicant" : "unit", detail: detail),
            on: connection)
        return RedemptionApplicationTransition(from: from?.rawValue, to: record.status.rawValue, by: accountID, at: now, note: note)
    }

    /// The enterprise an application is made for: an enterprise item takes members of an enterprise,
    /// an individual item persons (without acting for an enterprise).
    static func applicant(_ principal: AccessClaims, for item: RedemptionItemStore.Record) throws -> UUID? {
        guard principal.accountKind == .person else { throw APIError.forbidden }
        switch item.applicantKind {
        case .enterprise:
            guard let membership = principal.membership else {
                throw APIError(.forbidden, code: "forbidden", message: "this item takes applications from enterprises (申报对象：企业); sign in as a member of one")
            }
            return membership.enterpriseID
        case .individual:
            return nil
        }
    }

    /// Applications are taken from `windowFrom` to `windowTo` (Beijing dates, both included).
    static func checkWindow(_ item: RedemptionItemStore.Record, today: String) throws {
        guard today >= item.windowFrom, today <= item.windowTo else {
            throw APIError(
                .conflict, code: "window_closed",
                message: "applications are taken from \(item.windowFrom) to \(item.windowTo) (申报时间); today is \(today)", field: "window")
        }
    }

    /// The entries checked against the item's list: each names a material of the item and a file the
    /// caller uploaded, of a type the material allows; every required material is there.
    static func materials(
        _ entries: [(name: String, fileID: UUID)], for item: RedemptionItemStore.Record, by accountID: UUID, on connection: PostgresConnection
    ) async throws -> [ApplicationRecord.Material] {
        // Checked once the item is known (an unknown item is a 404 whatever the body names).
        guard Set(entries.map(\.name)).count == entries.count else { throw APIError.invalid("materials", "must not name a material twice") }
        let files = try await ApplicationFileStore.uploaded(entries.map(\.fileID), by: accountID, on: connection)
        var result: [ApplicationRecord.Material] = []
        for (index, entry) in entries.enumerated() {
            guard let material = item.materials.first(where: { $0.name == entry.name }) else {
                throw APIError.invalid("materials[\(index)].name", "\(entry.name) is not a material of this item")
            }
            guard let file = files[entry.fileID] else {
                throw APIError.unknown("materials[\(index)].fileID", "no file of yours has this id (upload it at /application-files)")
            }
            let allowed = material.fileTypes.compactMap { FileType(materialType: $0) }
            guard allowed.contains(where: { $0.rawValue == file.contentType }) else {
                let names = allowed.map(\.name).joined(separator: ", ")
                throw APIError.invalid("materials[\(index)].fileID", "\(material.name) must be a file of type \(names)")
            }
            result.append(.init(name: material.name, fileID: entry.fileID, fileName: file.fileName, contentType: file.contentType))
        }
        if let missing = item.materials.first(where: { material in material.required && !result.contains { $0.name == material.name } }) {
            throw APIError.invalid("materials", "the required material \(missing.name) is missing")
        }
        return result
    }
}

extension FileType {
    init?(materialType: RedemptionItemInput.MaterialFileType) {
        switch materialType {
        case .pdf: self = .pdf
        case .png: self = .png
        case .jpeg: self = .jpeg
        case .docx: self = .docx
        case .xlsx: self = .xlsx
        }
    }
}
