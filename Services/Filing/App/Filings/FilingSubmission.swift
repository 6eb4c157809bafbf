import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// Filing a month (first time or again): who files as which reporting enterprise, the window (or a
/// reopening), the validation rules current now, and what is written (a new version, its status,
/// audit and event) in one transaction.
struct FilingSubmission {
    let runtime: FilingRuntime

    /// A checked form: the basic fields and the figures.
    struct Checked {
        var contactName: String
        var contactPhone: String
        var keyIndustryType: String?
        var explanation: String?
        var sheet: FigureSheet
    }

    /// The basic fields, field-named 400s; figures are the rules' business.
    static func check(_ form: FilingForm, on connection: PostgresConnection) async throws -> Checked {
        let name = try Validate.text(form.contactName, "contactName", max: 50)
        let phone = try Validate.phone(form.contactPhone, "contactPhone", .mobileOrLandline)
        let keyType = try Validate.optionalText(form.keyIndustryType, "keyIndustryType", max: 50)
        if let keyType, !(try await ReferenceStore.isKeyIndustryType(keyType, on: connection)) {
            throw APIError.unknown("keyIndustryType", "is not a key-industry type (GET /key-industry-types)")
        }
        guard (form.products ?? []).count <= 50 else { throw APIError.invalid("products", "must hold at most 50 products") }
        guard (form.materials ?? []).count <= 50 else { throw APIError.invalid("materials", "must hold at most 50 raw materials") }
        for (index, product) in (form.products ?? []).enumerated() {
            _ = try Validate.optionalText(product.name, "products[\(index)].name", max: 100)
            _ = try Validate.optionalText(product.unit, "products[\(index)].unit", max: 20)
        }
        for (index, material) in (form.materials ?? []).enumerated() {
            _ = try Validate.optionalText(material.name, "materials[\(index)].name", max: 100)
            _ = try Validate.optionalText(material.unit, "materials[\(index)].unit", max: 20)
        }
        _ = try Validate.optionalText(form.inventory?.unit, "inventory.unit", max: 20)
        let explanation = try Validate.optionalText(form.explanation, "explanation", max: 2000)
        return Checked(contactName: name, contactPhone: phone, keyIndustryType: keyType, explanation: explanation, sheet: FigureSheet(form))
    }

    /// The reporting enterprise a member files as: its enterprise must be known (identity's events)
    /// and on the reporting list.
    static func filer(_ membership: AccessClaims.Membership, on connection: PostgresConnection) async throws -> (EnterpriseDirectory.Enterprise, ReportingEnterprise) {
        guard let enterprise = try await EnterpriseDirectory.enterprise(membership.enterpriseID, on: connection),
            let entry = try await ReportingEnterpriseStore.entry(forUSCC: enterprise.uscc, name: enterprise.name, on: connection)
        else {
            throw APIError(.forbidden, code: "not_reporting", message: "your enterprise is not on the list of reporting enterprises")
        }
        return (enterprise, entry)
    }

    /// The rules current now run over the form, beside last year's and last month's filings and the
    /// enterprise's own range.
    static func evaluate(_ checked: Checked, of entry: ReportingEnterprise, period: FilingPeriod, on connection: PostgresConnection) async throws -> CheckReport {
        let rules = try await RuleStore.current(on: connection)
        let checks = FilingChecks(
            sheet: checked.sheet, period: period,
            lastYear: try await period.sameMonthLastYear.asyncMap { try await FilingStore.figures(of: entry.id, period: $0.description, on: connection) } ?? nil,
            lastMonth: try await period.previous.asyncMap { try await FilingStore.figures(of: entry.id, period: $0.description, on: connection) } ?? nil,
            history: try await FilingStore.history(of: entry.id, before: period.description, on: connection))
        let findings = checks.run(rules)
        return CheckReport(errors: findings.filter { $0.importance == .error }, warnings: findings.filter { $0.importance == .warning })
    }

    /// Files the form for `period`; the view and whether this was the first version.
    func submit(_ form: FilingForm, period: FilingPeriod, by principal: AccessClaims, membership: AccessClaims.Membership) async throws -> (FilingView, Bool) {
        let now = Date()
        let today = FilingWindow.today(at: now)
        return try await runtime.dependencies.pool.withTransaction { connection in
            let checked = try await Self.check(form, on: connection)
            let (enterprise, entry) = try await Self.filer(membership, on: connection)
            let existing = try await FilingStore.lock(entry.id, period: period.description, on: connection)
            let reopened = try await WindowStore.reopenedUntil(entry.id, period: period, today: today, on: connection)
            if reopened == nil {
                let window = try await WindowStore.window(of: period, on: connection)
                guard window.contains(today) else {
                    throw APIError(
                        .conflict, code: "window_closed",
                        message: "the window for \(period) is \(window.opensOn) to \(window.closesOn) (Beijing dates)", field: "period")
                }
                if existing?.status == .approved {
                    throw APIError(.conflict, code: "invalid_state", message: "the bureau approved this filing; a change needs the month reopened", field: "period")
                }
            }
            let report = try await Self.evaluate(checked, of: entry, period: period, on: connection)
            if let first = report.errors.first {
                let all = report.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
                throw APIError(.badRequest, code: "invalid_field", message: all, field: first.field)
            }
            if !report.warnings.isEmpty, checked.explanation == nil {
                let all = report.warnings.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
                throw APIError.invalid("explanation", "is required to explain the flagged figures: \(all)")
            }
            let sealed = try runtime.cipher.seal(checked.contactPhone)
            let versionNumber = (existing?.currentVersion ?? 0) + 1
            let version = FilingVersionRecord(
                version: versionNumber, contactName: checked.contactName, phoneKeyID: sealed.keyID, phoneSealed: sealed.ciphertext,
                keyIndustryType: checked.keyIndustryType, explanation: checked.explanation, flags: report.warnings,
                submittedBy: principal.accountID, submittedAt: now, sheet: checked.sheet)
            var filing = existing ?? FilingRecord(
                id: UUID(), reportingEnterpriseID: entry.id, enterpriseID: enterprise.id, period: period.description, region: entry.region,
                status: .submitted, currentVersion: versionNumber, firstSubmittedAt: now, updatedAt: now)
            filing.status = .submitted
            filing.currentVersion = versionNumber
            filing.enterpriseID = enterprise.id
            filing.updatedAt = now
            if existing == nil {
                try await FilingStore.insert(filing, on: connection)
            } else {
                try await FilingStore.update(filing.id, status: .submitted, version: versionNumber, enterpriseID: enterprise.id, at: now, on: connection)
            }
            try await FilingStore.insertVersion(version, of: filing.id, on: connection)
            let action = existing == nil ? "submitted" : "revised"
            try await FilingStore.appendStatus(filing.id, status: .submitted, action: action, by: principal.accountID, note: nil, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: action, subjectKind: "filing", subjectID: filing.id.uuidString.lowercased(), by: principal,
                    detail: ["period": .string(period.description), "version": .int(versionNumber)]),
                at: now, on: connection)
            let facts = FilingFacts(
                filingID: filing.id, reportingEnterpriseID: entry.id, enterpriseID: enterprise.id, enterpriseName: entry.name,
                region: entry.region, industryCode: entry.industryCode, period: period.description, version: versionNumber,
                keyIndustryType: checked.keyIndustryType, figures: checked.sheet.figures, flags: report.warnings.map(\.flag),
                explanation: checked.explanation)
            if existing == nil {
                try await runtime.dependencies.outbox.append(FilingSubmitted(filing: facts, submittedBy: principal.accountID, submittedAt: now), on: connection)
            } else {
                try await runtime.dependencies.outbox.append(FilingRevised(filing: facts, revisedBy: principal.accountID, revisedAt: now), on: connection)
            }
            guard let stored = try await FilingStore.version(versionNumber, of: filing.id, on: connection) else { throw APIError.notFound("filing") }
            let view = try FilingView(
                filing, entry: entry, version: stored, versions: try await FilingStore.versions(of: filing.id, on: connection),
                shownAs: .filer, policy: runtime.disclosure, cipher: runtime.cipher)
            return (view, existing == nil)
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
