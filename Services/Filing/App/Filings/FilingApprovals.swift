import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The liaison's countersignature (签批) of a filing, and the bureau's approval of a county's month
/// (data approval, after DHIS2's): approved filings change only after the month is reopened.
struct FilingApprovals {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    struct Note: Decodable { var note: String? }

    struct ApprovalInput: Decodable {
        var period: String?
        var region: String?
    }

    struct Approval: ResponseCodable, Equatable {
        var period: String
        var region: String
        var approved: [UUID]
        /// Filings of the month still waiting for their liaison's countersignature (not approved).
        var awaitingCountersignature: Int
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("filings/:id/countersignature", use: countersign)
        router.post("filing-approvals", use: approve)
    }

    /// `POST /filings/{id}/countersignature` (the enterprise's liaison): the current version, once.
    func countersign(_ request: Request, context: AppRequestContext) async throws -> FilingSummary {
        let liaison = try context.requireOfficial(.liaison)
        let id = try context.pathID()
        let note = try Validate.optionalText(try await request.decodeBody(Note.self, context: context).note, "note", max: 500)
        return try await pool.withTransaction { connection in
            guard let filing = try await FilingStore.load(id, forUpdate: true, on: connection),
                try await EnterpriseDirectory.isLiaison(liaison.accountID, of: filing.enterpriseID, on: connection)
            else { throw APIError.notFound("filing") }
            guard filing.status == .submitted else { throw APIError.conflict("the filing is \(filing.status.rawValue); only a submitted filing is countersigned") }
            let now = Date()
            try await FilingStore.setStatus(id, .countersigned, at: now, on: connection)
            try await FilingStore.appendStatus(id, status: .countersigned, action: "countersigned", by: liaison.accountID, note: note, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "countersigned", subjectKind: "filing", subjectID: id.uuidString.lowercased(), by: liaison, acting: [.liaison],
                    detail: ["version": .int(filing.currentVersion)]),
                at: now, on: connection)
            try await runtime.dependencies.outbox.append(
                FilingCountersigned(
                    filingID: id, reportingEnterpriseID: filing.reportingEnterpriseID, region: filing.region, period: filing.period,
                    version: filing.currentVersion, countersignedBy: liaison.accountID, countersignedAt: now),
                on: connection)
            let page = try await FilingStore.list(.liaison(liaison.accountID), period: filing.period, region: filing.region, status: nil, paging: Paging(page: 1, size: 100), on: connection)
            guard let summary = page.items.first(where: { $0.id == id }) else { throw APIError.notFound("filing") }
            return summary
        }
    }

    /// `POST /filing-approvals` (statistics-bureau statisticians of the county or the city): approves the county's
    /// countersigned filings of the month.
    func approve(_ request: Request, context: AppRequestContext) async throws -> Approval {
        let official = try context.requireOfficial(.statistician)
        let body = try await request.decodeBody(ApprovalInput.self, context: context)
        let period = try FilingPeriod.parse(body.period)
        let region = try Validate.text(body.region, "region", max: 6)
        guard region.range(of: #"^[0-9]{6}$"#, options: .regularExpression) != nil else { throw APIError.invalid("region", "must be a 6-digit region code") }
        guard FilingAccess(claims: official).approves(region) else { throw APIError.forbidden }
        return try await pool.withTransaction { connection in
            let filings = try await FilingStore.lockCountersigned(region: region, period: period.description, on: connection)
            let now = Date()
            for filing in filings {
                try await FilingStore.setStatus(filing.id, .approved, at: now, on: connection)
                try await FilingStore.appendStatus(filing.id, status: .approved, action: "approved", by: official.accountID, note: nil, at: now, on: connection)
            }
            if !filings.isEmpty {
                try await AuditTrail.append(
                    AuditEntry(
                        action: "approved", subjectKind: "filingMonth", subjectID: "\(region)/\(period)", by: official, acting: [.statistician],
                        detail: ["filings": .int(filings.count)]),
                    at: now, on: connection)
                try await runtime.dependencies.outbox.append(
                    FilingMonthApproved(
                        region: region, period: period.description,
                        filings: filings.map { .init(filingID: $0.id, reportingEnterpriseID: $0.reportingEnterpriseID, version: $0.currentVersion) },
                        approvedBy: official.accountID, approvedAt: now),
                    on: connection)
            }
            let waiting = try await FilingStore.awaitingCountersignature(region: region, period: period.description, on: connection)
            return Approval(period: period.description, region: region, approved: filings.map(\.id), awaitingCountersignature: waiting)
        }
    }
}
