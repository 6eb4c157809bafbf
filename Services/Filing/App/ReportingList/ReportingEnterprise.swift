import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// One row of the reporting list (重点监测工业企业表) as everyone sees it.
struct ReportingEnterprise: ResponseCodable, Equatable {
    var id: UUID
    var serialNo: Int
    var region: String
    var regionName: String
    var name: String
    var uscc: String?
    /// GB/T 4754-2017 code.
    var industryCode: String
    /// The industry as the list names it (焦化, 有机化学原料制造…).
    var industry: String
    var active: Bool
}

/// What adding one needs, checked (`ReportingEnterpriseInput.validate`).
struct ReportingEnterpriseFields: Sendable {
    var region: ReferenceStore.Region
    var name: String
    var uscc: String?
    var industry: ReferenceStore.Industry
    var industryLabel: String
}

/// One entry of a reporting enterprise's history.
struct ReportingEnterpriseChange: ResponseCodable, Equatable {
    var action: String
    var reason: String
    var by: UUID
    var at: Date
}
