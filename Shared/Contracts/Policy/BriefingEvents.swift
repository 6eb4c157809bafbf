import Foundation

/// A briefing submission (简报投稿, Shiyan account guide item 17) as its events carry it: who sent
/// it, for the units' and officials' assessment in the statistics.
public struct BriefingFacts: Codable, Sendable, Equatable {
    /// `official` (a liaison official) or `enterprise`.
    public enum SubmitterKind: String, Codable, Sendable {
        case official
        case enterprise
    }

    public var id: UUID
    public var title: String
    public var submitterKind: SubmitterKind
    /// The submitting account (the official's id for officials).
    public var submittedBy: UUID
    /// The official's unit, for officials.
    public var unitID: UUID?
    /// The enterprise, for enterprises.
    public var enterpriseID: UUID?

    public init(id: UUID, title: String, submitterKind: SubmitterKind, submittedBy: UUID, unitID: UUID?, enterpriseID: UUID?) {
        self.id = id
        self.title = title
        self.submitterKind = submitterKind
        self.submittedBy = submittedBy
        self.unitID = unitID
        self.enterpriseID = enterpriseID
    }
}

public struct BriefingSubmitted: DomainEvent {
    public static let eventType = "qinqing.policy.briefing.submitted.v1"
    public static let topic = Topic.policy

    public var briefing: BriefingFacts
    public var submittedAt: Date
    public var subject: String { briefing.id.uuidString.lowercased() }

    public init(briefing: BriefingFacts, submittedAt: Date) {
        self.briefing = briefing
        self.submittedAt = submittedAt
    }
}

/// An editor published a submitted briefing.
public struct BriefingPublished: DomainEvent {
    public static let eventType = "qinqing.policy.briefing.published.v1"
    public static let topic = Topic.policy

    public var briefing: BriefingFacts
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { briefing.id.uuidString.lowercased() }

    public init(briefing: BriefingFacts, publishedBy: UUID, publishedAt: Date) {
        self.briefing = briefing
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}

/// An editor returned a briefing to its submitter with a reason.
public struct BriefingReturned: DomainEvent {
    public static let eventType = "qinqing.policy.briefing.returned.v1"
    public static let topic = Topic.policy

    public var briefing: BriefingFacts
    public var reason: String
    public var returnedBy: UUID
    public var returnedAt: Date
    public var subject: String { briefing.id.uuidString.lowercased() }

    public init(briefing: BriefingFacts, reason: String, returnedBy: UUID, returnedAt: Date) {
        self.briefing = briefing
        self.reason = reason
        self.returnedBy = returnedBy
        self.returnedAt = returnedAt
    }
}
