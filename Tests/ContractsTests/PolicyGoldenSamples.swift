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
extension InterpretationPublished: GoldenSample {
    static var goldenSample: Self {
        .init(
            interpretation: .init(id: PolicySample.messageID, form: "image", title: "一图看懂：“信易贷”防汛救灾金融服务", unitID: PolicySample.unitID),
            policy: .init(
                policyID: PolicySample.policyID, title: PolicySample.summary.title, agencyID: PolicySample.unitID, region: "410400",
                policyType: "finance", tags: ["专精特新", "制造业"]),
            draftedBy: PolicySample.enterpriseID, publishedBy: PolicySample.officialID, publishedAt: PolicySample.published)
    }
}
extension RedemptionItemPublished: GoldenSample {
    static var goldenSample: Self {
        .init(
            item: .init(
                id: PolicySample.messageID, project: "平顶山推动建筑业企业科技创新项目", title: "建筑业企业研发投入奖补", region: "410400",
                policyTypes: ["finance", "innovation"], supportKind: "资金扶持", amount: "500000.00", amountFigure: "500000.00",
                applicantKind: "enterprise", processingDays: 15, windowFrom: "2027-01-20", windowTo: "2027-02-28", unitID: PolicySample.unitID),
            policyID: PolicySample.policyID, policyTitle: PolicySample.summary.title, draftedBy: PolicySample.enterpriseID,
            publishedBy: PolicySample.officialID, publishedAt: PolicySample.published)
    }
}

enum RedemptionApplicationSample {
    static let applicationID = UUID(uuidString: "5C4D3E2F-1A0B-4C9D-8E7F-6A5B4C3D2E1F")!
    static let applicantID = UUID(uuidString: "8A9B0C1D-2E3F-4A5B-9C6D-7E8F9A0B1C2D")!
    static let accepted = Date(timeIntervalSince1970: 1_801_000_000)
    static let due = Date(timeIntervalSince1970: 1_802_500_000)
    static let facts = RedemptionApplicationFacts(
        id: applicationID, itemID: PolicySample.messageID, itemTitle: "建筑业企业研发投入奖补", project: "平顶山推动建筑业企业科技创新项目",
        unitID: PolicySample.unitID, applicantKind: "enterprise", enterpriseID: PolicySample.enterpriseID, applicantID: applicantID, round: 2,
        submittedAt: PolicySample.published)
    static func transition(_ from: String?, _ to: String, note: String? = nil) -> RedemptionApplicationTransition {
        .init(from: from, to: to, by: from == nil || from == "returned" ? applicantID : PolicySample.officialID, at: accepted, note: note)
    }
}

extension RedemptionApplicationSubmitted: GoldenSample {
    static var goldenSample: Self { .init(application: RedemptionApplicationSample.facts, transition: RedemptionApplicationSample.transition(nil, "received")) }
}
extension RedemptionApplicationResubmitted: GoldenSample {
    static var goldenSample: Self {
        .init(application: RedemptionApplicationSample.facts, transition: RedemptionApplicationSample.transition("returned", "received"))
    }
}
extension RedemptionApplicationAccepted: GoldenSample {
    static var goldenSample: Self {
        .init(
            application: RedemptionApplicationSample.facts, transition: RedemptionApplicationSample.transition("received", "processing"),
            processingDays: 15, dueAt: RedemptionApplicationSample.due)
    }
}
extension RedemptionApplicationReturned: GoldenSample {
    static var goldenSample: Self {
        .init(
            application: RedemptionApplicationSample.facts,
            transition: RedemptionApplicationSample.transition("received", "returned", note: "研发费用专项审计报告未盖章"), reason: "研发费用专项审计报告未盖章")
    }
}
extension RedemptionApplicationDueSoon: GoldenSample {
    static var goldenSample: Self {
        .init(application: RedemptionApplicationSample.facts, dueAt: RedemptionApplicationSample.due, markedAt: RedemptionApplicationSample.accepted)
    }
}
extension RedemptionApplicationOverdue: GoldenSample {
    static var goldenSample: Self {
        .init(application: RedemptionApplicationSample.facts, dueAt: RedemptionApplicationSample.due, markedAt: RedemptionApplicationSample.due)
    }
}
extension RedemptionApplicationConcluded: GoldenSample {
    static var goldenSample: Self {
        .init(
            application: RedemptionApplicationSample.facts, transition: RedemptionApplicationSample.transition("processing", "approved", note: "符合条件"),
            decision: "approved", grantedAmount: "300000.00", reason: nil, dueAt: RedemptionApplicationSample.due, onTime: true)
    }
}
extension RedemptionNoticePublished: GoldenSample {
    static var goldenSample: Self {
        .init(
            notice: .init(
                id: PolicySample.messageID, title: "2026年度建筑业企业研发投入奖补拟兑现名单公示", itemID: PolicySample.messageID,
                itemTitle: "建筑业企业研发投入奖补", project: "平顶山推动建筑业企业科技创新项目", unitID: PolicySample.unitID, deadline: "2027-02-10",
                approvedCount: 3, totalAmount: "900000.50"),
            publishedBy: PolicySample.officialID, publishedAt: PolicySample.published)
    }
}

extension RedemptionApplicationSample {
    static let rated = Date(timeIntervalSince1970: 1_802_600_000)
    static let followUpDue = Date(timeIntervalSince1970: 1_803_100_000)
}

extension RedemptionApplicationRated: GoldenSample {
    static var goldenSample: Self {
        .init(application: RedemptionApplicationSample.facts, level: "veryDissatisfied", hasComment: true, ratedAt: RedemptionApplicationSample.rated)
    }
}
extension RedemptionFollowUpOpened: GoldenSample {
    static var goldenSample: Self {
        .init(
            application: RedemptionApplicationSample.facts, level: "veryDissatisfied", dueAt: RedemptionApplicationSample.followUpDue,
            openedAt: RedemptionApplicationSample.rated)
    }
}
extension RedemptionFollowUpAnswered: GoldenSample {
    static var goldenSample: Self {
        .init(
            application: RedemptionApplicationSample.facts, answeredBy: PolicySample.officialID, answeredAt: Date(timeIntervalSince1970: 1_802_900_000),
            dueAt: RedemptionApplicationSample.followUpDue, onTime: true)
    }
}
