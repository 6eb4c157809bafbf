import Contracts
import Foundation
import Logging
import Messaging
import Outbox
import Postgres
import Testing
import TestSupport

@Suite("Consumer during a database outage")
struct DatabaseOutageConsumerTests {
    @Test("events that arrive while the consumer's database is cut off wait, are applied once it returns, and none is dead-lettered")
    func waitsForTheDatabase() async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let fixture = try await BackboneFixture(prefix: "db_outage")
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: fixture.logger)
        try await admin.createTopics([fixture.topic.name, fixture.topic.deadLetter.name], partitions: 1)

        guard let components = URLComponents(string: fixture.url), let upstream = components.port else {
            Issue.record("QINQING_TEST_POSTGRES_URL has no port")
            return
        }
        let proxy = try TCPProxy(upstreamPort: upstream)
        var proxied = components
        proxied.port = proxy.port
        let consumerPool = PostgresPool(
            configuration: .init(url: proxied.string ?? fixture.url, poolSize: 2, connectTimeout: .seconds(1), searchPath: fixture.schema),
            logger: fixture.logger)
        let group = TestEnvironment.uniqueName("outage")
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: group, topics: [fixture.topic.name])
        configuration.maxAttempts = 2
        configuration.retryBackoff = .milliseconds(100)
        configuration.maxRetryBackoff = .milliseconds(400)
        let consumer = try EventConsumer(
            name: group, topics: [fixture.topic], pool: consumerPool, handlers: fixture.handlers,
            configuration: configuration, logger: fixture.logger)

        proxy.cut()
        for n in 1...10 { try await fixture.write(key: "k", n: n) }
        let producer = try fixture.makeProducer(brokers: brokers)
        let services = RunningServices([producer, fixture.makeRelay(producer: producer), consumer], logger: fixture.logger)
        #expect(await eventually { try await OutboxMaintenance(pool: fixture.pool).backlog().count == 0 })
        try await Task.sleep(for: .seconds(3))  // well past maxAttempts × backoff
        #expect(try await fixture.appliedCount == 0)

        try proxy.restore()
        #expect(await eventually { try await fixture.appliedCount == 10 })
        #expect(try await fixture.keysOutOfOrder == 0)
        let deadLettered = try await admin.endOffsets(of: fixture.topic.deadLetter.name).values.reduce(0, +)
        #expect(deadLettered == 0)
        await services.stop()
        await consumerPool.shutdown()
        await fixture.pool.shutdown()
    }
}
