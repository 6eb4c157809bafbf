import Foundation

/// 诉求: The current step has used most of its time (once per step).
public struct AppealDueSoon: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.due-soon.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: The current step passed its due time (once per step).
public struct AppealOverdue: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.overdue.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 诉求: An inspector escalated (督办) the item with a note; recorded immutably.
public struct AppealEscalated: DomainEvent {
    public static let eventType = "qinqing.appeals.appeal.escalated.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var escalationID: UUID
    public var note: String
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts, escalationID: UUID, note: String) {
        self.item = item
        self.transition = transition
        self.escalationID = escalationID
        self.note = note
    }
}
