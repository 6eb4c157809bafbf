import Foundation

// 13710's major matters and closure approval ("1 month, else a dated plan"; "0: the assigning side
// approves the closure and may return it") for 投诉.

/// 投诉: The item waits for the assigning side to approve its closure (销号); `unrated` when its
/// rating window ended without a rating.
public struct ComplaintClosureRequested: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.closure-requested.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var unrated: Bool
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, unrated: Bool) {
        self.item = item
        self.transition = transition
        self.unrated = unrated
    }
}

/// 投诉: The assigning side did not approve the closure and returned the item to its lead unit.
public struct ComplaintClosureReturned: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.closure-returned.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var reason: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, reason: String) {
        self.item = item
        self.transition = transition
        self.reason = reason
    }
}

/// 投诉: The item was marked a major or complex matter; its handling step now runs on the scheme's
/// longer limit (13710: one month), counted from when handling began.
public struct ComplaintMarkedMajor: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.marked-major.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var reason: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, reason: String) {
        self.item = item
        self.transition = transition
        self.reason = reason
    }
}

/// 投诉: The lead unit filed a dated plan for a major matter; `item.dueAt` is now the end of
/// `resolveBy` (Asia/Shanghai).
public struct ComplaintPlanFiled: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.plan-filed.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    /// 1 for the first plan, growing with every revision.
    public var planVersion: Int
    /// `yyyy-MM-dd`.
    public var resolveBy: String
    public var milestones: [PlanMilestone]
    public var subject: String { item.id.uuidString.lowercased() }

    public init(
        item: CaseFacts, transition: TransitionFacts, planVersion: Int, resolveBy: String, milestones: [PlanMilestone]
    ) {
        self.item = item
        self.transition = transition
        self.planVersion = planVersion
        self.resolveBy = resolveBy
        self.milestones = milestones
    }
}
