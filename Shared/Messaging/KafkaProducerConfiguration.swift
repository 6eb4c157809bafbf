/// Typed producer settings. The producer always runs with `enable.idempotence=true` and
/// `acks=all`, and with `allow.auto.create.topics=false` (topics are created explicitly, see
/// `KafkaAdmin`; tansu would otherwise auto-create a missing topic with its default partition
/// count). `properties` is the escape hatch for any other librdkafka property and is applied last,
/// so it can override everything else.
public struct KafkaProducerConfiguration: Sendable {
    /// `bootstrap.servers`, e.g. "127.0.0.1:29092".
    public var bootstrapServers: String
    /// `client.id`.
    public var clientID: String
    /// `message.timeout.ms`: how long a record may take to be acknowledged before its send fails.
    /// `.zero` means no limit.
    public var messageTimeout: Duration = .seconds(30)
    /// `linger.ms`: how long to wait for more records before sending a batch.
    public var linger: Duration = .milliseconds(5)
    /// How long `run()` waits for outstanding records on shutdown before purging them.
    public var flushTimeoutOnShutdown: Duration = .seconds(10)
    /// `topic.metadata.refresh.interval.ms`; `nil` keeps librdkafka's default (5 minutes).
    public var metadataRefreshInterval: Duration?
    /// Raw librdkafka properties, applied last.
    public var properties: [String: String] = [:]

    public init(bootstrapServers: String, clientID: String) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
    }

    var librdkafkaProperties: [(String, String)] {
        var result: [(String, String)] = [
            ("bootstrap.servers", bootstrapServers),
            ("client.id", clientID),
            ("enable.idempotence", "true"),
            ("acks", "all"),
            ("allow.auto.create.topics", "false"),
            ("message.timeout.ms", String(messageTimeout.wholeMilliseconds)),
            ("linger.ms", String(linger.wholeMilliseconds)),
        ]
        if let metadataRefreshInterval {
            result.append(("topic.metadata.refresh.interval.ms", String(metadataRefreshInterval.wholeMilliseconds)))
        }
        result += properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return result
    }
}
