/// Typed consumer settings. The consumer always runs with `enable.auto.offset.store=false` (an
/// offset is stored only after its message was handled or dead-lettered),
/// `enable.auto.commit=true` (stored offsets are committed every `autoCommitInterval` and on
/// shutdown) and `allow.auto.create.topics=false`. `properties` is applied last.
public struct KafkaConsumerConfiguration: Sendable {
    /// `bootstrap.servers`.
    public var bootstrapServers: String
    /// `group.id`.
    public var groupID: String
    /// Topics to subscribe to. They must exist (and so must `<topic>.dlq` when dead-lettering).
    public var topics: [String]
    /// `client.id`.
    public var clientID: String
    /// With a batch handler: the most messages handed to it at once.
    public var maxBatchSize: Int = 500
    /// How many times the handler is called for one message before it is dead-lettered (1 = no retry).
    public var maxAttempts: Int = 5
    /// Delay before the first retry; doubles for each further attempt, capped at `maxRetryBackoff`.
    public var retryBackoff: Duration = .milliseconds(200)
    /// Upper bound of the retry delay (also used between attempts to dead-letter a message).
    public var maxRetryBackoff: Duration = .seconds(5)
    /// When true, a message that is poison or exhausts its attempts goes to `<topic>.dlq`.
    /// When false, such a message is logged and skipped (its offset is stored).
    public var deadLetterEnabled: Bool = true
    /// `auto.offset.reset` for groups without a committed offset.
    public var autoOffsetReset: String = "earliest"
    /// `session.timeout.ms`.
    public var sessionTimeout: Duration = .seconds(6)
    /// `heartbeat.interval.ms`.
    public var heartbeatInterval: Duration = .seconds(1)
    /// `fetch.wait.max.ms`.
    public var fetchWaitMax: Duration = .milliseconds(50)
    /// `auto.commit.interval.ms`.
    public var autoCommitInterval: Duration = .seconds(1)
    /// `topic.metadata.refresh.interval.ms`; `nil` keeps librdkafka's default (5 minutes).
    public var metadataRefreshInterval: Duration?
    /// Raw librdkafka properties for the consumer, applied last.
    public var properties: [String: String] = [:]
    /// Raw librdkafka properties for the internal dead-letter producer, applied last.
    public var deadLetterProducerProperties: [String: String] = [:]

    public init(bootstrapServers: String, groupID: String, topics: [String], clientID: String = "qinqing") {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
        self.topics = topics
        self.clientID = clientID
    }

    /// The dead-letter topic of `topic`.
    public static func deadLetterTopic(for topic: String) -> String {
        "\(topic).dlq"
    }

    var librdkafkaProperties: [(String, String)] {
        var result: [(String, String)] = [
            ("bootstrap.servers", bootstrapServers),
            ("group.id", groupID),
            ("client.id", clientID),
            ("enable.auto.offset.store", "false"),
            ("enable.auto.commit", "true"),
            ("auto.commit.interval.ms", String(autoCommitInterval.wholeMilliseconds)),
            ("auto.offset.reset", autoOffsetReset),
            ("allow.auto.create.topics", "false"),
            ("session.timeout.ms", String(sessionTimeout.wholeMilliseconds)),
            ("heartbeat.interval.ms", String(heartbeatInterval.wholeMilliseconds)),
            ("fetch.wait.max.ms", String(fetchWaitMax.wholeMilliseconds)),
        ]
        if let metadataRefreshInterval {
            result.append(("topic.metadata.refresh.interval.ms", String(metadataRefreshInterval.wholeMilliseconds)))
        }
        result += properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return result
    }

    var deadLetterProducerConfiguration: KafkaProducerConfiguration {
        var producer = KafkaProducerConfiguration(bootstrapServers: bootstrapServers, clientID: "\(clientID)-dlq")
        producer.messageTimeout = .seconds(10)
        producer.linger = .zero
        producer.metadataRefreshInterval = metadataRefreshInterval
        producer.properties = deadLetterProducerProperties
        return producer
    }

    /// The delay before retry number `attempt` (1-based count of failed attempts so far).
    func backoff(afterFailedAttempts attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let delay = retryBackoff * (1 << exponent)
        return min(delay, maxRetryBackoff)
    }
}
