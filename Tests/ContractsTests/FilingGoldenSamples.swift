import Contracts
import Foundation

/// Fixed examples of the filing events; their JSON is pinned in `Golden/`.
enum FilingSample {
    static let filingID = UUID(uuidString: "6B1D2C3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E")!
    static let reportingEnterpriseID = UUID(uuidString: "2A3B4C5D-6E7F-4A8B-9C0D-1E2F3A4B5C6D")!
    static let enterpriseID = UUID(uuidString: "3E1F6C2A-1B7D-4E9A-8C11-2F4A5B6C7D80")!
    static let accountID = UUID(uuidString: "9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D")!
    static let officialID = UUID(uuidString: "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9")!
    static let time = Date(timeIntervalSince1970: 1_795_000_000.25)
    static let facts = FilingFacts(
        filingID: filingID, reportingEnterpriseID: reportingEnterpriseID, enterpriseID: enterpriseID,
        enterpriseName: "河南平煤神马朝川化工科技有限公司", region: "410482", industryCode: "C2521", period: "2026-11", version: 1,
        keyIndustryType: "现代煤化工",
        figures: [
            FilingFigure(section: "enterprise", position: 0, item: "", unit: "万元", measure: "output.month", value: "12345.6789"),
            FilingFigure(section: "enterprise", position: 0, item: "", unit: "%", measure: "output.monthYoY", value: "-3.5"),
            FilingFigure(section: "product", position: 1, item: "焦炭", unit: "吨", measure: "outputMonth", value: "5000"),
        ],
        flags: [FilingFlag(rule: "yoy-sharp-change", ruleVersion: 1, field: "output.month", message: "与去年同月相比变动超过阈值")],
        explanation: "新生产线投产")
    static let unfiled = UnfiledEnterprise(
        reportingEnterpriseID: reportingEnterpriseID, enterpriseID: enterpriseID, name: "河南平煤神马朝川化工科技有限公司", region: "410482")
}

extension FilingSubmitted: GoldenSample {
    static var goldenSample: Self { .init(filing: FilingSample.facts, submittedBy: FilingSample.accountID, submittedAt: FilingSample.time) }
}
extension FilingRevised: GoldenSample {
    static var goldenSample: Self { .init(filing: FilingSample.facts, revisedBy: FilingSample.accountID, revisedAt: FilingSample.time) }
}
extension FilingCountersigned: GoldenSample {
    static var goldenSample: Self {
        .init(filingID: FilingSample.filingID, reportingEnterpriseID: FilingSample.reportingEnterpriseID, region: "410482", period: "2026-11",
              version: 2, countersignedBy: FilingSample.officialID, countersignedAt: FilingSample.time)
    }
}
extension FilingMonthApproved: GoldenSample {
    static var goldenSample: Self {
        .init(region: "410482", period: "2026-11",
              filings: [.init(filingID: FilingSample.filingID, reportingEnterpriseID: FilingSample.reportingEnterpriseID, version: 2)],
              approvedBy: FilingSample.officialID, approvedAt: FilingSample.time)
    }
}
extension FilingMonthReopened: GoldenSample {
    static var goldenSample: Self {
        .init(reportingEnterpriseID: FilingSample.reportingEnterpriseID, enterpriseName: "河南平煤神马朝川化工科技有限公司", region: "410482",
              period: "2026-11", until: "2026-12-15", reason: "企业系统故障未能按时填报", reopenedBy: FilingSample.officialID,
              reopenedAt: FilingSample.time)
    }
}
extension FilingWindowOpened: GoldenSample {
    static var goldenSample: Self { .init(period: "2026-11", opensOn: "2026-12-01", closesOn: "2026-12-10") }
}
extension FilingWindowClosingSoon: GoldenSample {
    static var goldenSample: Self { .init(period: "2026-11", opensOn: "2026-12-01", closesOn: "2026-12-10", unfiled: [FilingSample.unfiled]) }
}
extension FilingWindowClosed: GoldenSample {
    static var goldenSample: Self { .init(period: "2026-11", opensOn: "2026-12-01", closesOn: "2026-12-10", filed: 41, missing: 3) }
}
extension FilingMissing: GoldenSample {
    static var goldenSample: Self { .init(enterprise: FilingSample.unfiled, period: "2026-11", closesOn: "2026-12-10") }
}
