import Foundation

// The transitions whose notices state a limit, in a version that carries the item's step limits.

/// 诉求: The enterprise submitted the item. Version 2 of `submitted.v1` (still published beside it): adds `limits`.
public struct AppealSubmittedV2: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.submitted.v2"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var limits: StepLimits
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, limits: StepLimits) {
        self.item = item
        self.transition = transition
        self.limits = limits
    }
}

/// 诉求: A dispatcher routed the item to its lead handling unit. Version 2 of `dispatched.v1` (still published beside it): adds `limits`.
public struct AppealDispatchedV2: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.dispatched.v2"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var previousUnitID: UUID?
    public var reason: String?
    public var limits: StepLimits
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, previousUnitID: UUID?, reason: String?, limits: StepLimits) {
        self.item = item
        self.transition = transition
        self.previousUnitID = previousUnitID
        self.reason = reason
        self.limits = limits
    }
}

/// 诉求: The handling unit replied. Version 2 of `replied.v1` (still published beside it): adds `limits`.
public struct AppealRepliedV2: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.replied.v2"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var handlerName: String
    public var content: String
    public var limits: StepLimits
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, handlerName: String, content: String, limits: StepLimits) {
        self.item = item
        self.transition = transition
        self.handlerName = handlerName
        self.content = content
        self.limits = limits
    }
}

/// 投诉: A dispatcher routed the item to its lead handling unit. Version 2 of `dispatched.v1` (still published beside it): adds `limits`.
public struct ComplaintDispatchedV2: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.dispatched.v2"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var previousUnitID: UUID?
    public var reason: String?
    public var limits: StepLimits
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, previousUnitID: UUID?, reason: String?, limits: StepLimits) {
        self.item = item
        self.transition = transition
        self.previousUnitID = previousUnitID
        self.reason = reason
        self.limits = limits
    }
}

/// 投诉: The handling unit replied. Version 2 of `replied.v1` (still published beside it): adds `limits`.
public struct ComplaintRepliedV2: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.replied.v2"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var handlerName: String
    public var content: String
    public var limits: StepLimits
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, handlerName: String, content: String, limits: StepLimits) {
        self.item = item
        self.transition = transition
        self.handlerName = handlerName
        self.content = content
        self.limits = limits
    }
}
