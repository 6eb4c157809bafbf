import Contracts
import Foundation
import Logging
import Messaging
import Outbox
import Postgres
import ServiceLifecycle
import Synchronization
import TestSupport

/// A schema with the outbox, inbox and probe tables, and helpers to write probe events.
struct BackboneFixture {
    static let probeType = "qinqing.test.probe.recorded.v1"

    let schema: String
    let pool: PostgresPool
    let topic: Topic
    let url: String
    var logger: Logger

    init(prefix: String) async throws {
        url = try TestEnvironment.postgresURL()
        schema = TestEnvironment.uniqueName(prefix)
        topic = Topic(TestEnvironment.uniqueName("\(prefix)_topic"))
        var logger = Logger(label: "test.\(prefix)")
        logger.logLevel = ProcessInfo.processInfo.environment["QINQING_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        self.logger = logger
        pool = PostgresPool(configuration: .init(url: url, poolSize: 6, searchPath: schema), logger: logger)
        let runner = MigrationRunner(pool: pool, schema: schema, logger: logger)
        try await runner.apply(component: OutboxMigrations.component, migrations: OutboxMigrations.load())
        try await runner.apply(
            component: "probe",
            migrations: [
                Migration(
                    version: 1, name: "probe_tables",
                    sql: """
                        CREATE TABLE probe_state (record_key text NOT NULL, n int NOT NULL, PRIMARY KEY (record_key, n));
                        CREATE TABLE probe_applied (
                            applied_order bigserial PRIMARY KEY, event_id uuid NOT NULL, record_key text NOT NULL,
                            n int NOT NULL, occurred_at timestamptz NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp());
                        CREATE TABLE probe_kept (event_id uuid PRIMARY KEY);
                        """)
            ])
    }

    /// The state change and its event, in one transaction.
    func write(key: String, n: Int) async throws {
        try await pool.withTransaction { connection in
            try await connection.execute("INSERT INTO probe_state (record_key, n) VALUES (\(key), \(n))")
            try await OutboxWriter(producer: .appeals).append(envelope(key: key, n: n), on: connection)
        }
    }

    func envelope(key: String, n: Int, time: Date = Date()) -> EventEnvelope {
        EventEnvelope(
            id: UUID(), source: ProducingService.appeals.eventSource, type: Self.probeType, time: time,
            subject: key, topic: topic, data: Data("{\"n\":\(n)}".utf8))
    }

    func count(_ sql: String) async throws -> Int {
        let rows = try await pool.query(PostgresQuery(sql, binds: []))
        return Int(try rows.first?.decode(0, as: Int64.self) ?? 0)
    }

    var appliedCount: Int { get async throws { try await count("SELECT count(*)::bigint FROM probe_applied") } }

    /// Events applied more than once (must be zero).
    var duplicateApplications: Int {
        get async throws {
            try await count(
                "SELECT count(*)::bigint FROM (SELECT event_id FROM probe_applied GROUP BY event_id HAVING count(*) > 1) d")
        }
    }

    /// Keys whose events were applied out of order (must be zero).
    var keysOutOfOrder: Int {
        get async throws {
            try await count(
                """
                SELECT count(DISTINCT record_key)::bigint FROM (
                    SELECT record_key, n, lag(n) OVER (PARTITION BY record_key ORDER BY applied_order) AS previous
                    FROM probe_applied) ordered
                WHERE previous IS NOT NULL AND n <= previous
                """)
        }
    }

    /// Applies probe events into `probe_applied`.
    var handlers: EventHandlers {
        var handlers = EventHandlers()
        handlers.onRaw(Self.probeType) { envelope, connection in
            let n = try JSONDecoder().decode([String: Int].self, from: envelope.data)["n"] ?? -1
            try await connection.execute(
                "INSERT INTO probe_applied (event_id, record_key, n, occurred_at) VALUES (\(envelope.id), \(envelope.key), \(n), \(envelope.time))")
        }
        return handlers
    }

    func makeProducer(brokers: String, messageTimeout: Duration = .seconds(30)) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapServers: brokers, clientID: "test-relay")
        configuration.messageTimeout = messageTimeout
        configuration.properties["topic.metadata.refresh.interval.ms"] = "500"
        return try KafkaProducer(configuration: configuration, logger: logger)
    }

    func makeRelay(producer: KafkaProducer, batchSize: Int = 500) -> OutboxRelay {
        var configuration = OutboxRelayConfiguration(schema: schema)
        configuration.batchSize = batchSize
        configuration.initialBackoff = .milliseconds(100)
        configuration.maximumBackoff = .seconds(1)
        return OutboxRelay(pool: pool, producer: producer, configuration: configuration, logger: logger)
    }

    /// How many times a handler was called.
    final class Calls: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// Applies probe events into `probe_applied` a fetched batch at once (one statement per batch),
    /// counting the handler's calls in `calls`. `keyed`: as a keyed batch handler, whose `probe_kept`
    /// (keyed by event id) is the record of what was applied instead of the inbox.
    func batchHandlers(calls: Calls, keyed: Bool = false) -> EventHandlers {
        @Sendable func insert(_ envelopes: [EventEnvelope], on connection: PostgresConnection) async throws {
            let numbers = try envelopes.map { try JSONDecoder().decode([String: Int].self, from: $0.data)["n"] ?? -1 }
            try await connection.execute(
                """
                INSERT INTO probe_applied (event_id, record_key, n, occurred_at)
                SELECT event_id, record_key, n, occurred_at
                FROM unnest(\(envelopes.map(\.id)), \(envelopes.map(\.key)), \(numbers), \(envelopes.map(\.time)))
                    WITH ORDINALITY AS batch (event_id, record_key, n, occurred_at, position)
                ORDER BY position
                """)
        }
        var handlers = EventHandlers()
        if keyed {
            handlers.onKeyedBatch([Self.probeType]) { envelopes, connection in
                calls.add()
                let kept = try await connection.query(
                    "INSERT INTO probe_kept (event_id) SELECT unnest(\(envelopes.map(\.id))) ON CONFLICT DO NOTHING RETURNING event_id")
                let new = Set(try kept.map { try $0.decode("event_id", as: UUID.self) })
                let fresh = envelopes.filter { new.contains($0.id) }
                try await insert(fresh, on: connection)
                return fresh.count
            }
        } else {
            handlers.onBatch([Self.probeType]) { envelopes, connection in
                calls.add()
                try await insert(envelopes, on: connection)
            }
        }
        return handlers
    }

    func makeConsumer(brokers: String, group: String? = nil, handlers: EventHandlers? = nil, lanes: Int = 1) throws -> EventConsumer {
        let name = group ?? TestEnvironment.uniqueName("group")
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: name, topics: [topic.name])
        configuration.properties["topic.metadata.refresh.interval.ms"] = "500"
        return try EventConsumer(
            name: name, topics: [topic], pool: pool, handlers: handlers ?? self.handlers, configuration: configuration, lanes: lanes,
            logger: logger)
    }
}

/// Services running in a ServiceGroup for the length of a test.
final class RunningServices: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(_ services: [any Service], logger: Logger) {
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        self.group = group
        self.task = Task { try await group.run() }
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
