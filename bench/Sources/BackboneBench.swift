import Contracts
import Foundation
import Logging
import Messaging
import Outbox
import Postgres
import ServiceLifecycle

/// Runs each measurement in a fresh schema and topic.
final class BackboneBench: Sendable {
    let postgresURL: String
    let brokers: String
    let logger: Logger
    let schema: String
    let pool: PostgresPool
    static let eventType = "qinqing.bench.recorded.v1"

    init(postgresURL: String, brokers: String, logger: Logger) async throws {
        self.postgresURL = postgresURL
        self.brokers = brokers
        self.logger = logger
        self.schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
        self.pool = PostgresPool(configuration: .init(url: postgresURL, poolSize: 10, searchPath: schema), logger: logger)
        let runner = MigrationRunner(pool: pool, schema: schema, logger: logger)
        try await runner.apply(component: OutboxMigrations.component, migrations: OutboxMigrations.load())
        try await runner.apply(
            component: "bench",
            migrations: [
                Migration(
                    version: 1, name: "bench",
                    sql: """
                        CREATE TABLE bench_state (id uuid PRIMARY KEY, record_key text NOT NULL, n int NOT NULL);
                        CREATE TABLE bench_applied (event_id uuid PRIMARY KEY, occurred_at timestamptz NOT NULL,
                            applied_at timestamptz NOT NULL DEFAULT clock_timestamp());
                        """)
            ])
    }

    func shutdown() async {
        await pool.shutdown()
    }

    func rawInserts(count: Int, concurrency: Int) async throws -> Rate {
        try await timedConcurrently(count: count, workers: concurrency) { n in
            try await self.pool.execute(
                "INSERT INTO bench_state (id, record_key, n) VALUES (\(UUID()), \("raw-\(n % 100)"), \(n))")
        }
    }

    func outboxWrites(count: Int, concurrency: Int) async throws -> Rate {
        let topic = Topic("bench.unused")
        return try await timedConcurrently(count: count, workers: concurrency) { n in
            try await self.pool.withTransaction { connection in
                try await connection.execute(
                    "INSERT INTO bench_state (id, record_key, n) VALUES (\(UUID()), \("ob-\(n % 100)"), \(n))")
                try await OutboxWriter(producer: .appeals).append(self.envelope(n: n, topic: topic), on: connection)
            }
        }
    }

    func rawProduce(count: Int, batch: Int) async throws -> Rate {
        let topic = try await makeTopic("raw")
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: brokers, clientID: "bench"), logger: logger)
        let services = ServiceGroup(configuration: .init(services: [producer], logger: logger))
        let task = Task { try await services.run() }
        let payload = Array(repeating: UInt8(ascii: "x"), count: 200)
        let rate = try await timed(count: count) {
            var sent = 0
            while sent < count {
                let messages = (sent..<min(sent + batch, count)).map {
                    KafkaOutgoingMessage(topic: topic.name, key: Array("k\($0 % 100)".utf8), value: payload, headers: [])
                }
                for result in await producer.send(messages) { _ = try result.get() }
                sent += messages.count
            }
        }
        await services.triggerGracefulShutdown()
        _ = await task.result
        return rate
    }

    /// Drains a backlog committed in one statement, once the consumer has joined its group.
    func outboxToConsumer(count: Int) async throws -> Rate {
        try await pool.execute("DELETE FROM outbox")
        try await pool.execute("DELETE FROM bench_applied")
        let topic = try await makeTopic("drain")
        let running = try startPipeline(topic: topic)
        try await pool.withTransaction { connection in
            try await OutboxWriter(producer: .appeals).append(self.envelope(n: -1, topic: topic), on: connection)
        }
        try await waitForApplied(1)
        let source = ProducingService.appeals.eventSource
        let rate = try await timed(count: count) {
            try await self.pool.execute(
                """
                INSERT INTO outbox (event_id, topic, record_key, event_type, source, occurred_at, payload)
                SELECT gen_random_uuid(), \(topic.name), 'key-' || (g % 100), \(Self.eventType), \(source), now(),
                       convert_to('{"n":' || g || ',"note":"benchmark event body"}', 'UTF8')
                FROM generate_series(1, \(count)) AS g
                """)
            try await self.waitForApplied(count + 1)
        }
        await running.triggerGracefulShutdown()
        return rate
    }

    func steadyLatency(ratePerSecond: Int, seconds: Int) async throws -> Latency {
        try await pool.execute("DELETE FROM bench_applied")
        let topic = try await makeTopic("steady")
        let running = try startPipeline(topic: topic)
        try await Task.sleep(for: .seconds(4))  // group join
        let total = ratePerSecond * seconds
        let tick = Duration.milliseconds(10)
        let perTick = max(1, ratePerSecond / 100)
        var written = 0
        var next = ContinuousClock.now
        while written < total {
            for _ in 0..<perTick where written < total {
                let n = written
                try await pool.withTransaction { connection in
                    try await OutboxWriter(producer: .appeals).append(
                        self.envelope(n: n, topic: topic, time: Date()), on: connection)
                }
                written += 1
            }
            next += tick
            try await Task.sleep(until: next)
        }
        try await waitForApplied(total)
        await running.triggerGracefulShutdown()
        let rows = try await pool.query(
            """
            SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::float8 AS p50,
                   (percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::float8 AS p99,
                   max(ms)::float8 AS worst, count(*)::bigint AS n
            FROM (SELECT extract(epoch FROM applied_at - occurred_at) * 1000 AS ms FROM bench_applied) l
            """)
        let row = rows[rows.startIndex]
        return Latency(
            count: Int(try row.decode("n", as: Int64.self)), p50: try row.decode("p50", as: Double.self),
            p99: try row.decode("p99", as: Double.self), max: try row.decode("worst", as: Double.self))
    }

    // MARK: - Helpers

    private func envelope(n: Int, topic: Topic, time: Date = Date()) -> EventEnvelope {
        EventEnvelope(
            id: UUID(), source: ProducingService.appeals.eventSource, type: Self.eventType, time: time,
            subject: "key-\(n % 100)", topic: topic, data: Data("{\"n\":\(n),\"note\":\"benchmark event body\"}".utf8))
    }

    private func makeTopic(_ name: String) async throws -> Topic {
        let topic = Topic("bench.\(name).\(UInt32.random(in: 0...UInt32.max))")
        try await KafkaAdmin(bootstrapServers: brokers, logger: logger)
            .createTopics([topic.name, topic.deadLetter.name], partitions: 6)
        return topic
    }

    private func startPipeline(topic: Topic) throws -> ServiceGroup {
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: brokers, clientID: "bench-relay"), logger: logger)
        var relayConfiguration = OutboxRelayConfiguration(schema: schema)
        relayConfiguration.batchSize = 1000
        let relay = OutboxRelay(pool: pool, producer: producer, configuration: relayConfiguration, logger: logger)
        var handlers = EventHandlers()
        handlers.onRaw(Self.eventType) { envelope, connection in
            try await connection.execute(
                "INSERT INTO bench_applied (event_id, occurred_at) VALUES (\(envelope.id), \(envelope.time))")
        }
        let group = "bench-\(topic.name)"
        let consumer = try EventConsumer(
            name: group, topics: [topic], pool: pool, handlers: handlers,
            configuration: .init(bootstrapServers: brokers, groupID: group, topics: [topic.name]), logger: logger)
        let services = ServiceGroup(configuration: .init(services: [producer, relay, consumer], logger: logger))
        Task { try await services.run() }
        return services
    }

    private func waitForApplied(_ count: Int) async throws {
        while true {
            let rows = try await pool.query("SELECT count(*)::bigint AS n FROM bench_applied")
            if try rows[rows.startIndex].decode("n", as: Int64.self) >= count { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private func timed(count: Int, _ body: () async throws -> Void) async throws -> Rate {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Rate(count: count, seconds: seconds)
    }
}
