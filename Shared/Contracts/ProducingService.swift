/// The five services, each the single producer of its topics and the owner of one database schema.
public enum ProducingService: String, Sendable, CaseIterable, Codable {
    case identity
    case policy
    case appeals
    case filing
    case notifications

    /// The topics this service, and only this service, writes to.
    public var topics: [Topic] {
        switch self {
        case .identity: [.identity, .identityContacts]
        case .policy: [.policy]
        case .appeals: [.appeals]
        case .filing: [.filing]
        case .notifications: [.notifications]
        }
    }

    /// The CloudEvents `source` attribute of every event this service emits.
    public var eventSource: String { "/qinqing/\(rawValue)" }

    /// The service that produces `topic`, if it is one of the platform's.
    public static func producer(of topic: Topic) -> ProducingService? {
        allCases.first { $0.topics.contains(topic) }
    }
}
