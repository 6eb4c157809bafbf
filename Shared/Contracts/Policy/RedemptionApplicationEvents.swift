import Foundation

/// One application (申报) for a redemption item as every stage event carries it: the item, its
/// implementing unit, and who applied. `enterpriseID` is set for an enterprise's application
/// (`applicantKind` `enterprise`); an individual's names the person's account only.
public struct RedemptionApplicationFacts: Codable, Sendable, Equatable {
    public var id: UUID
    public var itemID: UUID
    public var itemTitle: String
    public var project: String
    /// The implementing unit (实施部门) that receives, processes and concludes it.
    public var unitID: UUID
    /// `enterprise` or `individual`.
    public var applicantKind: String
    public var enterpriseID: UUID?
    /// The account that applied (a member of the enterprise, or the person).
    public var applicantID: UUID
    /// 1 for the first submission, one more for each resubmission after a return.
    public var round: Int
    public var submittedAt: Date

    public init(
        id: UUID, itemID: UUID, itemTitle: String, project: String, unitID: UUID, applicantKind: String, enterpriseID: UUID?,
        applicantID: UUID, round: Int, submittedAt: Date
    ) {
        self.id = id
        self.itemID = itemID
        self.itemTitle = itemTitle
        self.project = project
        self.unitID = unitID
        self.applicantKind = applicantKind
        self.enterpriseID = enterpriseID
        self.applicantID = applicantID
        self.round = round
        self.submittedAt = submittedAt
    }
}

/// A stage change of an application: from which status to which, by whom (nil: the platform's
/// clock), when, and the note the official gave.
public struct RedemptionApplicationTransition: Codable, Sendable, Equatable {
    /// `received`, `returned`, `processing`, `approved` or `rejected`; nil for the first submission.
    public var from: String?
    public var to: String
    public var by: UUID?
    public var at: Date
    public var note: String?

    public init(from: String?, to: String, by: UUID?, at: Date, note: String?) {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
        self.note = note
    }
}

/// 项目申报: an application arrived with its materials (art. 6(1)).
public struct RedemptionApplicationSubmitted: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.submitted.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var transition: RedemptionApplicationTransition
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, transition: RedemptionApplicationTransition) {
        self.application = application
        self.transition = transition
    }
}

/// The applicant corrected a returned application and sent it again (`application.round` is the new round).
public struct RedemptionApplicationResubmitted: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.resubmitted.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var transition: RedemptionApplicationTransition
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, transition: RedemptionApplicationTransition) {
        self.application = application
        self.transition = transition
    }
}

/// 收件 → 受理: the unit found the materials complete and accepted it; processing (办理) is timed
/// from now by the item's limit in working days, ending at `dueAt` (nil while the official
/// calendar lacks a year the limit reaches).
public struct RedemptionApplicationAccepted: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.accepted.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var transition: RedemptionApplicationTransition
    public var processingDays: Int
    public var dueAt: Date?
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, transition: RedemptionApplicationTransition, processingDays: Int, dueAt: Date?) {
        self.application = application
        self.transition = transition
        self.processingDays = processingDays
        self.dueAt = dueAt
    }
}

/// The unit returned the application for correction, with the reason (`transition.note`).
public struct RedemptionApplicationReturned: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.returned.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var transition: RedemptionApplicationTransition
    public var reason: String
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, transition: RedemptionApplicationTransition, reason: String) {
        self.application = application
        self.transition = transition
        self.reason = reason
    }
}

/// Processing reaches its last working day (once per application).
public struct RedemptionApplicationDueSoon: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.due-soon.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var dueAt: Date
    public var markedAt: Date
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, dueAt: Date, markedAt: Date) {
        self.application = application
        self.dueAt = dueAt
        self.markedAt = markedAt
    }
}

/// Processing passed its limit without a conclusion (once per application).
public struct RedemptionApplicationOverdue: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.overdue.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var dueAt: Date
    public var markedAt: Date
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, dueAt: Date, markedAt: Date) {
        self.application = application
        self.dueAt = dueAt
        self.markedAt = markedAt
    }
}

/// 办结: approved with the amount granted (yuan, a decimal string), or rejected with the reason;
/// `onTime` says whether it came by `dueAt`.
public struct RedemptionApplicationConcluded: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.concluded.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    public var transition: RedemptionApplicationTransition
    /// `approved` or `rejected`.
    public var decision: String
    public var grantedAmount: String?
    public var reason: String?
    public var dueAt: Date?
    public var onTime: Bool
    public var subject: String { application.id.uuidString.lowercased() }

    public init(
        application: RedemptionApplicationFacts, transition: RedemptionApplicationTransition, decision: String, grantedAmount: String?,
        reason: String?, dueAt: Date?, onTime: Bool
    ) {
        self.application = application
        self.transition = transition
        self.decision = decision
        self.grantedAmount = grantedAmount
        self.reason = reason
        self.dueAt = dueAt
        self.onTime = onTime
    }
}
