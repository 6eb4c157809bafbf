import Foundation

/// 好差评: the applicant rated a concluded application (办结) on the national five levels
/// (国办发〔2019〕51号), inside the rating window. `hasComment` says whether a comment came with it;
/// the comment itself stays in the policy service (it may hold personal data).
public struct RedemptionApplicationRated: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.rated.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    /// `verySatisfied` (非常满意), `satisfied` (满意), `basicallySatisfied` (基本满意), `dissatisfied`
    /// (不满意) or `veryDissatisfied` (非常不满意).
    public var level: String
    public var hasComment: Bool
    public var ratedAt: Date
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, level: String, hasComment: Bool, ratedAt: Date) {
        self.application = application
        self.level = level
        self.hasComment = hasComment
        self.ratedAt = ratedAt
    }
}

/// 回访整改: a `dissatisfied` or `veryDissatisfied` rating opened a follow-up that the implementing
/// unit must answer by `dueAt`, the end of the limit's last working day (nil while the official
/// calendar lacks a year the limit reaches; the follow-up is open all the same).
public struct RedemptionFollowUpOpened: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.follow-up.opened.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    /// The rating that opened it: `dissatisfied` or `veryDissatisfied`.
    public var level: String
    public var dueAt: Date?
    public var openedAt: Date
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, level: String, dueAt: Date?, openedAt: Date) {
        self.application = application
        self.level = level
        self.dueAt = dueAt
        self.openedAt = openedAt
    }
}

/// The implementing unit answered a follow-up (整改情况) (once per application); `onTime` says
/// whether it came by `dueAt` (true when no due time could be set).
public struct RedemptionFollowUpAnswered: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-application.follow-up.answered.v1"
    public static let topic = Topic.policy
    public var application: RedemptionApplicationFacts
    /// The official of the unit who answered.
    public var answeredBy: UUID
    public var answeredAt: Date
    public var dueAt: Date?
    public var onTime: Bool
    public var subject: String { application.id.uuidString.lowercased() }

    public init(application: RedemptionApplicationFacts, answeredBy: UUID, answeredAt: Date, dueAt: Date?, onTime: Bool) {
        self.application = application
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.dueAt = dueAt
        self.onTime = onTime
    }
}
