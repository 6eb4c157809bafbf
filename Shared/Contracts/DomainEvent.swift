/// An event one service publishes for others: a versioned, public contract.
///
/// `eventType` is the CloudEvents `type`, ending in the contract's major version
/// (`qinqing.appeals.appeal.submitted.v1`). Adding an optional field is compatible; anything else
/// is a new type with the next version, published beside the old one for as long as readers need it.
public protocol DomainEvent: Codable, Sendable, Equatable {
    static var eventType: String { get }
    static var topic: Topic { get }
    /// The aggregate this event is about: the Kafka record key and the CloudEvents `subject`.
    var subject: String { get }
}

extension DomainEvent {
    /// The major version, read from the type's `.vN` suffix.
    public static var version: Int {
        guard let suffix = eventType.split(separator: ".").last, suffix.first == "v",
            let number = Int(suffix.dropFirst())
        else { return 1 }
        return number
    }
}
