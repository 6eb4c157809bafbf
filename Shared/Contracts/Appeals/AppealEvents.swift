import Foundation

/// 诉求: The enterprise submitted the item; it waits for its liaison official's review.
public struct AppealSubmitted: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.submitted.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: The enterprise edited an item returned to it and submitted it again.
public struct AppealResubmitted: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.resubmitted.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: The liaison official reviewed the item and passed it on; both texts are kept when corrected.
public struct AppealReviewed: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.reviewed.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var textCorrected: Bool
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, textCorrected: Bool) {
        self.item = item
        self.transition = transition
        self.textCorrected = textCorrected
    }
}

/// 诉求: A dispatcher routed the item to its lead handling unit (or reassigned it, with a reason).
public struct AppealDispatched: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.dispatched.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var previousUnitID: UUID?
    public var reason: String?
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, previousUnitID: UUID?, reason: String?) {
        self.item = item
        self.transition = transition
        self.previousUnitID = previousUnitID
        self.reason = reason
    }
}

/// 诉求: The handling unit signed for the item (签收); under the first-responder rule it stays the lead to the end.
public struct AppealSigned: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.signed.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: The item went back: to the dispatcher (not this unit's matter) or to the enterprise (to edit and resubmit).
public struct AppealReturned: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.returned.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var returnedTo: String
    public var reason: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, returnedTo: String, reason: String) {
        self.item = item
        self.transition = transition
        self.returnedTo = returnedTo
        self.reason = reason
    }
}

/// 诉求: Another unit joined as co-handler; the lead unit does not change.
public struct AppealCoHandlerAdded: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.co-handler-added.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var coHandlerUnitID: UUID
    public var coHandlerUnitName: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, coHandlerUnitID: UUID, coHandlerUnitName: String) {
        self.item = item
        self.transition = transition
        self.coHandlerUnitID = coHandlerUnitID
        self.coHandlerUnitName = coHandlerUnitName
    }
}

/// 诉求: The handling unit reported progress (a 13710 checkpoint when `checkpoint` is set).
public struct AppealProgressReported: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.progress-reported.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var checkpoint: String?
    public var content: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, checkpoint: String?, content: String) {
        self.item = item
        self.transition = transition
        self.checkpoint = checkpoint
        self.content = content
    }
}

/// 诉求: The handling unit asked the enterprise for more material; the clock pauses.
public struct AppealMaterialRequested: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.material-requested.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var request: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, request: String) {
        self.item = item
        self.transition = transition
        self.request = request
    }
}

/// 诉求: The enterprise supplied the material; the clock runs again with the due time moved by the pause.
public struct AppealMaterialSupplied: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.material-supplied.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: The handling unit replied (答复); the enterprise may now rate the reply.
public struct AppealReplied: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.replied.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var handlerName: String
    public var content: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, handlerName: String, content: String) {
        self.item = item
        self.transition = transition
        self.handlerName = handlerName
        self.content = content
    }
}

/// 诉求: The enterprise rated the reply (solved yes/no, satisfied yes/no).
public struct AppealRated: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.rated.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var solved: Bool
    public var satisfied: Bool
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, solved: Bool, satisfied: Bool) {
        self.item = item
        self.transition = transition
        self.solved = solved
        self.satisfied = satisfied
    }
}

/// 诉求: Not solved and not satisfied: the item went back to the same lead unit.
public struct AppealReopened: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.reopened.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: The item is closed (销号); `unrated` when its rating window ended without a rating.
public struct AppealClosed: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.closed.v1"
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

/// 诉求: The enterprise withdrew the item before sign-off.
public struct AppealWithdrawn: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.withdrawn.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var reason: String?
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, reason: String?) {
        self.item = item
        self.transition = transition
        self.reason = reason
    }
}
