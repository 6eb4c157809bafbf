import Foundation

/// 营商环境投诉: The current step has used most of its time (once per step).
public struct ComplaintDueSoon: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.due-soon.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 营商环境投诉: The current step passed its due time (once per step).
public struct ComplaintOverdue: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.overdue.v1"
    public static let topic = Topic.appeals

    public var item: CaseFacts
    public var transition: TransitionFacts
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: CaseFacts, transition: TransitionFacts) {
        self.item = item
        self.transition = transition
    }
}

/// 营商环境投诉: An inspector escalated (督办) the item with a note; recorded immutably.
public struct ComplaintEscalated: DomainEvent {
    public static let eventType = "qinqing.appeals.complaint.escalated.v1"
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
