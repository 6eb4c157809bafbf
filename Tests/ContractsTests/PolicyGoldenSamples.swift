import Contracts
import Foundation

/// Fixed examples of the policy events; their JSON is pinned in `Golden/`.
enum PolicySample {
    static let policyID = UUID(uuidString: "6A5B4C3D-2E1F-4A0B-9C8D-7E6F5A4B3C2D")!
    static let unitID = UUID(uuidString: "7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8")!
    static let officialID = UUID(uuidString: "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9")!
    static let enterpriseID = UUID(uuidString: "3E1F6C2A-1B7D-4E9A-8C11-2F4A5B6C7D80")!
    static let messageID = UUID(uuidString: "2B3C4D5E-6F70-4182-93A4-B5C6D7E8F901")!
    static let issued = Date(timeIntervalSince1970: 1_795_000_000.25)
    static let published = Date(timeIntervalSince1970: 1_795_108_000.5)
    static let summary = PolicySummary(
        policyID: policyID, version: 1, title: "关于转发《关于强化“信易贷”支持防汛救灾金融服务的通知》的通知",
        documentNumber: "平发改财金信用〔2020〕231号", agencyID: unitID, agencyName: "平顶山市发展和改革委员会", region: "410400",
        issuedAt: issued, publishedAt: published, policyType: "finance", subsidyType: "loanInterest", tags: ["专精特新", "制造业"])
}

extension PolicyPublished: GoldenSample {
    static var goldenSample: Self { .init(policy: PolicySample.summary, publishedBy: PolicySample.officialID, hoursToPublish: "30.00", late: true) }
}
extension PolicyRevised: GoldenSample {
    static var goldenSample: Self {
        var summary = PolicySample.summary
        summary.version = 2
        return .init(policy: summary, revisedBy: PolicySample.officialID)
    }
}
extension PolicyWithdrawn: GoldenSample {
    static var goldenSample: Self {
        .init(policyID: PolicySample.policyID, agencyID: PolicySample.unitID, title: PolicySample.summary.title, reason: "政策已废止",
              withdrawnBy: PolicySample.officialID, withdrawnAt: PolicySample.published)
    }
}
extension PolicyPublishedLate: GoldenSample {
    static var goldenSample: Self {
        .init(policyID: PolicySample.policyID, agencyID: PolicySample.unitID, region: "410400", issuedAt: PolicySample.issued,
              publishedAt: PolicySample.published, hoursToPublish: "30.00")
    }
}
extension SubscriptionMatched: GoldenSample {
    static var goldenSample: Self {
        .init(messageID: PolicySample.messageID, enterpriseID: PolicySample.enterpriseID, itemKind: "policy", itemID: PolicySample.policyID,
              title: PolicySample.summary.title, sms: true, matchedAt: PolicySample.published)
    }
}
