/// A handler error that must not be retried (a malformed message): the consumer sends the message
/// straight to the dead-letter topic `<topic>.dlq` and moves on.
public struct KafkaPoisonMessage: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "KafkaPoisonMessage(\(reason))" }
}
