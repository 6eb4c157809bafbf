/// How the relay moves events from the outbox to the broker.
public struct OutboxRelayConfiguration: Sendable {
    /// The schema whose outbox this relay drains; also names the lock that lets only one of
    /// several service instances publish at a time (so per-key order holds).
    public var schema: String
    public var batchSize: Int = 500
    /// How long to wait before looking again when the outbox is empty and no LISTEN session is up.
    public var idleInterval: Duration = .milliseconds(50)
    /// With a LISTEN session (woken by commits that wrote events): the longest wait between looks.
    public var notifiedIdleInterval: Duration = .seconds(1)
    public var initialBackoff: Duration = .milliseconds(200)
    public var maximumBackoff: Duration = .seconds(10)
    /// Published rows are kept this long, so `republish(since:)` can replay them.
    public var retention: Duration = .seconds(7 * 24 * 3600)
    public var cleanupInterval: Duration = .seconds(3600)

    public init(schema: String) {
        self.schema = schema
    }
}
