import Foundation
import Hummingbird
import Postgres

/// A filing's row: one enterprise's month, its status and current version.
struct FilingRecord: Sendable, Equatable {
    enum Status: String, Codable, Sendable, CaseIterable {
        case submitted
        case countersigned
        case approved
    }

    var id: UUID
    var reportingEnterpriseID: UUID
    var enterpriseID: UUID
    var period: String
    var region: String
    var status: Status
    var currentVersion: Int
    var firstSubmittedAt: Date
    var updatedAt: Date

    static let columns = "id, reporting_enterprise_id, enterprise_id, period, region, status, current_version, first_submitted_at, updated_at"

    init(
        id: UUID, reportingEnterpriseID: UUID, enterpriseID: UUID, period: String, region: String, status: Status, currentVersion: Int,
        firstSubmittedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.reportingEnterpriseID = reportingEnterpriseID
        self.enterpriseID = enterpriseID
        self.period = period
        self.region = region
        self.status = status
        self.currentVersion = currentVersion
        self.firstSubmittedAt = firstSubmittedAt
        self.updatedAt = updatedAt
    }

    init(_ row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), reportingEnterpriseID: try row.decode("reporting_enterprise_id"), enterpriseID: try row.decode("enterprise_id"),
            period: try row.decode("period"), region: try row.decode("region"),
            status: Status(rawValue: try row.decode("status")) ?? .submitted, currentVersion: try row.decode("current_version"),
            firstSubmittedAt: try row.decode("first_submitted_at"), updatedAt: try row.decode("updated_at"))
    }
}

/// One stored version of a filing, with its figures and sealed contact phone.
struct FilingVersionRecord: Sendable {
    var version: Int
    var contactName: String
    var phoneKeyID: String
    var phoneSealed: Data
    var keyIndustryType: String?
    var explanation: String?
    var flags: [FilingChecksFlag]
    var submittedBy: UUID
    var submittedAt: Date
    var sheet: FigureSheet
}

typealias FilingChecksFlag = FilingChecks.Finding
