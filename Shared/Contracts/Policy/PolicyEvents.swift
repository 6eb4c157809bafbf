import Foundation

/// The policy service's events on `qinqing.policy.v1`.
public enum PolicyEvents {
    public static let library: [any DomainEvent.Type] = [
        PolicyPublished.self, PolicyRevised.self, PolicyWithdrawn.self, PolicyPublishedLate.self,
    ]
    public static let interpretations: [any DomainEvent.Type] = [InterpretationPublished.self]
    public static let subscriptions: [any DomainEvent.Type] = [SubscriptionMatched.self]
    public static let redemption: [any DomainEvent.Type] = [
        RedemptionItemPublished.self, RedemptionApplicationSubmitted.self, RedemptionApplicationResubmitted.self,
        RedemptionApplicationAccepted.self, RedemptionApplicationReturned.self, RedemptionApplicationDueSoon.self,
        RedemptionApplicationOverdue.self, RedemptionApplicationConcluded.self, RedemptionNoticePublished.self,
        RedemptionApplicationRated.self, RedemptionFollowUpOpened.self, RedemptionFollowUpAnswered.self,
    ]
    public static let all: [any DomainEvent.Type] = library + interpretations + subscriptions + redemption
}

/// The public facts of one published version of a policy (惠企政策).
public struct PolicySummary: Codable, Sendable, Equatable {
    public var policyID: UUID
    public var version: Int
    public var title: String
    /// 文号, e.g. 平发改财金信用〔2020〕231号.
    public var documentNumber: String
    /// The issuing agency (发布机构): a unit of identity's organization tree.
    public var agencyID: UUID
    public var agencyName: String
    /// GB/T 2260 code.
    public var region: String
    /// The document's issue time (出台时间 / 发（收）文时间).
    public var issuedAt: Date
    /// When this version went public on the platform.
    public var publishedAt: Date
    /// Codes of the policy type (政策类型) and subsidy type (奖补类型, optional) reference data.
    public var policyType: String
    public var subsidyType: String?
    public var tags: [String]

    public init(
        policyID: UUID, version: Int, title: String, documentNumber: String, agencyID: UUID, agencyName: String, region: String,
        issuedAt: Date, publishedAt: Date, policyType: String, subsidyType: String?, tags: [String]
    ) {
        self.policyID = policyID
        self.version = version
        self.title = title
        self.documentNumber = documentNumber
        self.agencyID = agencyID
        self.agencyName = agencyName
        self.region = region
        self.issuedAt = issuedAt
        self.publishedAt = publishedAt
        self.policyType = policyType
        self.subsidyType = subsidyType
        self.tags = tags
    }
}
