import Logging
import Messaging
import Outbox
import Postgres

/// The long-lived clients a service's routes, handlers and background jobs use.
public struct ServiceDependencies: Sendable {
    public var configuration: ServiceConfiguration
    public var logger: Logger
    public var pool: PostgresPool
    public var producer: KafkaProducer
    public var outbox: OutboxWriter
    public var tokens: TokenVerifier

    public init(
        configuration: ServiceConfiguration, logger: Logger, pool: PostgresPool, producer: KafkaProducer,
        outbox: OutboxWriter, tokens: TokenVerifier
    ) {
        self.configuration = configuration
        self.logger = logger
        self.pool = pool
        self.producer = producer
        self.outbox = outbox
        self.tokens = tokens
    }
}
