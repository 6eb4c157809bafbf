/// A handler error that is not the message's fault: something the handler needs (its database)
/// is down. The consumer keeps retrying the same message with capped backoff for as long as it
/// takes, never spending its attempts or dead-lettering it, so an outage loses nothing.
public struct KafkaDependencyUnavailable: Error, Sendable, CustomStringConvertible {
    public var dependency: String
    public var underlying: any Error & Sendable

    public init(dependency: String, underlying: any Error & Sendable) {
        self.dependency = dependency
        self.underlying = underlying
    }

    public var description: String { "\(dependency) unavailable: \(underlying)" }
}
