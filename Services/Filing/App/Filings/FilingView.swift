import Contracts
import Foundation
import Hummingbird
import PersonalData
import ServiceKit

/// A filing as its readers see it: the enterprise, the month, the status, one version's form (the
/// contact phone whole or masked as `FilingDisclosure` says) and flags, and every version's who and when.
struct FilingView: ResponseCodable, Equatable {
    var id: UUID
    var reportingEnterpriseID: UUID
    var enterpriseID: UUID
    var enterpriseName: String
    var uscc: String?
    var region: String
    var industryCode: String
    var industry: String
    var period: String
    var status: String
    var currentVersion: Int
    /// The version shown.
    var version: Int
    var form: FilingForm
    var flags: [FilingChecks.Finding]
    var submittedBy: UUID
    var submittedAt: Date
    var versions: [FilingStore.VersionSummary]

    init(
        _ filing: FilingRecord, entry: ReportingEnterprise, version: FilingVersionRecord, versions: [FilingStore.VersionSummary],
        shownAs relation: FilingRelation, policy: DisclosurePolicy<FilingRelation>, cipher: FieldCipher
    ) throws {
        let phone = try cipher.open(SealedField(keyID: version.phoneKeyID, ciphertext: version.phoneSealed))
        id = filing.id
        reportingEnterpriseID = filing.reportingEnterpriseID
        enterpriseID = filing.enterpriseID
        enterpriseName = entry.name
        uscc = entry.uscc
        region = filing.region
        industryCode = entry.industryCode
        industry = entry.industry
        period = filing.period
        status = filing.status.rawValue
        currentVersion = filing.currentVersion
        self.version = version.version
        form = FilingForm(
            sheet: version.sheet, contactName: version.contactName, contactPhone: policy.show(phone, as: .phone, to: relation),
            keyIndustryType: version.keyIndustryType, explanation: version.explanation)
        flags = version.flags
        submittedBy = version.submittedBy
        submittedAt = version.submittedAt
        self.versions = versions
    }
}

/// One line of a list of filings (我的填报, the bureau's and liaisons' lists).
struct FilingSummary: ResponseCodable, Equatable {
    var id: UUID
    var reportingEnterpriseID: UUID
    var enterpriseName: String
    var region: String
    var period: String
    var status: String
    var version: Int
    var flags: [FilingFlag]
    var updatedAt: Date
}

/// What the checks say of a form before it is filed.
struct CheckReport: ResponseCodable, Equatable {
    var errors: [FilingChecks.Finding]
    var warnings: [FilingChecks.Finding]
}
