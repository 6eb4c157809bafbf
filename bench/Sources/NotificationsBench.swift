import Contracts
import Foundation
import HummingbirdTesting
import Logging
import Messaging
import NotificationsApp
import Postgres
import ServiceKit
import ServiceLifecycle
import Synchronization

/// The notifications service in-process, fed through the real broker: one event fanned out to
/// every enterprise, and event-to-inbox latency at a steady rate, beside the raw consumer rate of
/// the messaging layer (no-op handler) in the same run.
struct NotificationsBench {
    let postgresURL: String
    let brokers: String
    let logger: Logger

    struct Result {
        var rawConsume: Rate
        var fanOut: Rate
        var latency: Latency
    }

    func run(enterprises: Int, steadyRate: Int, seconds: Int) async throws -> Result {
        let rawConsume = try await rawConsumerRate(count: 20_000)
        var configuration = try ServiceConfiguration(
            service: .notifications,
            environment: ["QINQING_POSTGRES_URL": postgresURL, "QINQING_KAFKA_BROKERS": brokers, "QINQING_LOG_LEVEL": "error"])
        configuration.schema = "bench_notifications_\(UInt32.random(in: 0...UInt32.max))"
        configuration.port = 0
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: logger)
        try await admin.createTopics(Topic.all.map(\.name), partitions: 6)
        try await admin.createTopics(Topic.all.map(\.deadLetter.name), partitions: 1)
        let definition = NotificationsService.definition
        let dependencies = try await ServiceApplication.prepare(definition, configuration: configuration, logger: logger)
        let pool = dependencies.pool
        try await seed(pool: pool, enterprises: enterprises)
        let targets = try await pool.query("SELECT enterprise_id FROM enterprises ORDER BY enterprise_id LIMIT 200")
            .map { try $0.decode("enterprise_id", as: UUID.self) }

        let producer = try KafkaProducer(configuration: .init(bootstrapServers: brokers, clientID: "bench-policy"), logger: logger)
        let producerGroup = ServiceGroup(configuration: .init(services: [producer], logger: logger))
        let producerTask = Task { try await producerGroup.run() }
        let app = try ServiceApplication.application(
            definition, runtime: try await definition.makeRuntime(dependencies), dependencies: dependencies)
        let result = try await app.test(.live) { _ in
            // Warm-up: the consumer has joined its group once this one arrives.
            let warmUp = try await send(producer, single: targets[0], title: "warm-up")
            try await waitFor(pool, "SELECT count(*)::bigint FROM inbox_messages WHERE event_id = \(warmUp)", equals: 1)

            let broadcast = try envelope(
                type: "qinqing.policy.bench.published.v1", subject: UUID().uuidString.lowercased(),
                payload: ["title": "平顶山市支持中小企业发展十条措施"])
            let fanOut = try await timedOnce(count: enterprises) {
                _ = try await producer.send(message(broadcast))
                try await waitFor(
                    pool, "SELECT count(*)::bigint FROM inbox_messages WHERE event_id = \(broadcast.id)", equals: enterprises)
            }

            var sent: [(UUID, Date)] = []
            let total = steadyRate * seconds
            let interval = Duration.milliseconds(1000 / max(1, steadyRate))
            var next = ContinuousClock.now
            for n in 0..<total {
                let at = Date()
                sent.append((try await send(producer, single: targets[n % targets.count], title: "第\(n)条"), at))
                next += interval
                try await Task.sleep(until: next)
            }
            let ids = sent.map(\.0)
            try await waitFor(pool, "SELECT count(*)::bigint FROM inbox_messages WHERE event_id = ANY(\(ids))", equals: total)
            let rows = try await pool.query(
                "SELECT event_id, extract(epoch FROM created_at)::float8 AS at FROM inbox_messages WHERE event_id = ANY(\(ids))")
            var arrivals: [UUID: Double] = [:]
            for row in rows { arrivals[try row.decode("event_id", as: UUID.self)] = try row.decode("at", as: Double.self) }
            let latencies = sent.compactMap { id, at in arrivals[id].map { ($0 - at.timeIntervalSince1970) * 1000 } }.sorted()
            func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            return Result(
                rawConsume: rawConsume, fanOut: fanOut,
                latency: Latency(count: latencies.count, p50: percentile(0.5), p99: percentile(0.99), max: latencies.last ?? 0))
        }
        await producerGroup.triggerGracefulShutdown()
        _ = await producerTask.result
        await pool.shutdown()
        return result
    }

    /// The messaging layer alone: a consumer whose handler does nothing.
    private func rawConsumerRate(count: Int) async throws -> Rate {
        let topic = "bench.raw-consume.\(UInt32.random(in: 0...UInt32.max))"
        try await KafkaAdmin(bootstrapServers: brokers, logger: logger).createTopics([topic, topic + ".dlq"], partitions: 6)
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: brokers, clientID: "bench-raw"), logger: logger)
        let consumed = Atomic<Int>(0)
        let firstAt = Mutex<ContinuousClock.Instant?>(nil)
        let consumer = try KafkaConsumer(
            configuration: .init(bootstrapServers: brokers, groupID: topic, topics: [topic]), logger: logger
        ) { _ in
            firstAt.withLock { if $0 == nil { $0 = ContinuousClock.now } }
            consumed.add(1, ordering: .relaxed)
        }
        let group = ServiceGroup(configuration: .init(services: [producer, consumer], logger: logger))
        let task = Task { try await group.run() }
        let payload = Array(repeating: UInt8(ascii: "x"), count: 200)
        var sent = 0
        while sent < count {
            let batch = (sent..<min(sent + 1_000, count)).map {
                KafkaOutgoingMessage(topic: topic, key: Array("k\($0 % 100)".utf8), value: payload, headers: [])
            }
            for result in await producer.send(batch) { _ = try result.get() }
            sent += batch.count
        }
        while consumed.load(ordering: .relaxed) < count { try await Task.sleep(for: .milliseconds(5)) }
        let elapsed = ContinuousClock.now - (firstAt.withLock { $0 } ?? .now)
        await group.triggerGracefulShutdown()
        _ = await task.result
        return Rate(count: count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func seed(pool: PostgresPool, enterprises: Int) async throws {
        try await pool.execute(
            """
            INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, approved)
            SELECT gen_random_uuid(), lpad(n::text, 18, '9'), '企业' || n, '410402', 'C', true
            FROM generate_series(1, \(enterprises)) AS n
            """)
        try await pool.execute(
            """
            INSERT INTO event_types (event_type, description, fields) VALUES
              ('qinqing.policy.bench.published.v1', 'benchmark broadcast', '{title}'),
              ('qinqing.policy.bench.single.v1', 'benchmark single', '{enterpriseID,title}')
            """)
        try await pool.execute(
            "INSERT INTO templates (code, category, title, body) VALUES ('bench', 'policy', '基准', '{title}')")
        try await pool.execute(
            """
            INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings) VALUES
              ('bench.all', 'qinqing.policy.bench.published.v1', 'all_enterprises', NULL, '{inbox}', 'bench', '{"title": "title"}'),
              ('bench.one', 'qinqing.policy.bench.single.v1', 'enterprise', 'enterpriseID', '{inbox}', 'bench', '{"title": "title"}')
            """)
    }

    private func send(_ producer: KafkaProducer, single enterprise: UUID, title: String) async throws -> UUID {
        let event = try envelope(
            type: "qinqing.policy.bench.single.v1", subject: enterprise.uuidString.lowercased(),
            payload: ["enterpriseID": enterprise.uuidString.lowercased(), "title": title])
        _ = try await producer.send(message(event))
        return event.id
    }

    private func envelope(type: String, subject: String, payload: [String: String]) throws -> EventEnvelope {
        EventEnvelope(
            id: UUID(), source: ProducingService.policy.eventSource, type: type, time: Date(), subject: subject,
            topic: .policy, data: try JSONSerialization.data(withJSONObject: payload))
    }

    private func message(_ envelope: EventEnvelope) -> KafkaOutgoingMessage {
        KafkaOutgoingMessage(
            topic: envelope.topic.name, key: Array(envelope.key.utf8), value: Array(envelope.data),
            headers: envelope.headers.map { KafkaHeader(key: $0.name, string: $0.value) })
    }

    private func waitFor(_ pool: PostgresPool, _ query: PostgresQuery, equals expected: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            let rows = try await pool.query(query)
            if let row = rows.first, try row.decode(0, as: Int64.self) >= expected { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchError("timed out waiting for \(expected) rows")
    }

    private func timedOnce(count: Int, _ body: () async throws -> Void) async throws -> Rate {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Rate(count: count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
