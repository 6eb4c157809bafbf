/// A Kafka topic that carries one producing service's events of one major version.
///
/// Each topic has exactly one producer (see `ProducingService`). Department systems outside the
/// platform read these topics, so a topic's name never changes; an incompatible change gets a new
/// major version and a new topic.
public struct Topic: Sendable, Hashable, Codable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// The dead-letter topic where consumers park records they cannot process.
    public var deadLetter: Topic { Topic(name + ".dlq") }

    public var description: String { name }
}

extension Topic {
    public static let identity = Topic("qinqing.identity.v1")
    /// Restricted: phone numbers for notifications only. Never mirrored to department systems.
    public static let identityContacts = Topic("qinqing.identity.contacts.v1")
    public static let policy = Topic("qinqing.policy.v1")
    public static let appeals = Topic("qinqing.appeals.v1")
    public static let filing = Topic("qinqing.filing.v1")
    public static let notifications = Topic("qinqing.notifications.v1")

    /// Every topic the platform produces, in a stable order.
    public static let all: [Topic] = ProducingService.allCases.flatMap(\.topics)
}
