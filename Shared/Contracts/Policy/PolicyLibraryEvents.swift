import Foundation

/// A reviewer of the issuing unit published a policy for the first time.
public struct PolicyPublished: DomainEvent {
    public static let eventType = "qinqing.policy.policy.published.v1"
    public static let topic = Topic.policy

    public var policy: PolicySummary
    public var publishedBy: UUID
    /// Hours from the document's issue to its publication, a decimal with two places (art. 5).
    public var hoursToPublish: String
    /// More than 24 hours (art. 5).
    public var late: Bool
    public var subject: String { policy.policyID.uuidString.lowercased() }

    public init(policy: PolicySummary, publishedBy: UUID, hoursToPublish: String, late: Bool) {
        self.policy = policy
        self.publishedBy = publishedBy
        self.hoursToPublish = hoursToPublish
        self.late = late
    }
}

/// A reviewer published a revision of a published policy; the earlier versions stay readable.
public struct PolicyRevised: DomainEvent {
    public static let eventType = "qinqing.policy.policy.revised.v1"
    public static let topic = Topic.policy

    public var policy: PolicySummary
    public var revisedBy: UUID
    public var subject: String { policy.policyID.uuidString.lowercased() }

    public init(policy: PolicySummary, revisedBy: UUID) {
        self.policy = policy
        self.revisedBy = revisedBy
    }
}

/// A reviewer withdrew a published policy; its record stays, with the reason.
public struct PolicyWithdrawn: DomainEvent {
    public static let eventType = "qinqing.policy.policy.withdrawn.v1"
    public static let topic = Topic.policy

    public var policyID: UUID
    public var agencyID: UUID
    public var title: String
    public var reason: String
    public var withdrawnBy: UUID
    public var withdrawnAt: Date
    public var subject: String { policyID.uuidString.lowercased() }

    public init(policyID: UUID, agencyID: UUID, title: String, reason: String, withdrawnBy: UUID, withdrawnAt: Date) {
        self.policyID = policyID
        self.agencyID = agencyID
        self.title = title
        self.reason = reason
        self.withdrawnBy = withdrawnBy
        self.withdrawnAt = withdrawnAt
    }
}

/// A policy went public more than 24 hours after its document was issued (art. 5), for the statistics.
public struct PolicyPublishedLate: DomainEvent {
    public static let eventType = "qinqing.policy.policy.published-late.v1"
    public static let topic = Topic.policy

    public var policyID: UUID
    public var agencyID: UUID
    public var region: String
    public var issuedAt: Date
    public var publishedAt: Date
    /// A decimal with two places.
    public var hoursToPublish: String
    public var subject: String { policyID.uuidString.lowercased() }

    public init(policyID: UUID, agencyID: UUID, region: String, issuedAt: Date, publishedAt: Date, hoursToPublish: String) {
        self.policyID = policyID
        self.agencyID = agencyID
        self.region = region
        self.issuedAt = issuedAt
        self.publishedAt = publishedAt
        self.hoursToPublish = hoursToPublish
    }
}
