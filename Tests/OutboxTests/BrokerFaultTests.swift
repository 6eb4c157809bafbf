import Contracts
import Foundation
import Messaging
import Outbox
import Postgres
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Each test runs a broker of its own, to pause, kill and restart.
@Suite("Broker outages lose nothing", .serialized)
struct BrokerFaultTests {
    @Test("1,000 writes during a paused broker all arrive in order, applied once despite a SIGKILLed consumer")
    func pausedBrokerAndKilledConsumer() async throws {
        let broker = try TansuBroker()
        try broker.start()
        let fixture = try await BackboneFixture(prefix: "fault_pause")
        try broker.createTopic(fixture.topic.name, partitions: 4)
        try broker.createTopic(fixture.topic.deadLetter.name, partitions: 1)
        let producer = try fixture.makeProducer(brokers: broker.bootstrapServers, messageTimeout: .seconds(5))
        let relay = RunningServices([producer, fixture.makeRelay(producer: producer, batchSize: 100)], logger: fixture.logger)
        let group = TestEnvironment.uniqueName("probe")
        // Paced at 10 ms an event: the 800 left after the kill's threshold take 8 s, so the kill lands mid-stream
        // even on a slow machine (unpaced, the consumer once applied all 1,000 before the test saw 200).
        var consumer = try ProbeProcess(fixture: fixture, brokers: broker.bootstrapServers, group: group, applyDelay: .milliseconds(10))

        broker.pause()
        let keys = (0..<20).map { "key-\($0)" }
        for n in 1...50 { for key in keys { try await fixture.write(key: key, n: n) } }
        #expect(try await fixture.count("SELECT count(*)::bigint FROM probe_state") == 1000)
        broker.resume()

        #expect(await eventually(timeout: .seconds(60)) { try await fixture.appliedCount >= 200 })
        consumer.kill()
        let appliedAtKill = try await fixture.appliedCount
        consumer = try ProbeProcess(fixture: fixture, brokers: broker.bootstrapServers, group: group)

        #expect(await eventually(timeout: .seconds(90)) { try await fixture.appliedCount == 1000 })
        try await Task.sleep(for: .seconds(1))
        #expect(appliedAtKill < 1000, "the kill should land mid-stream")
        #expect(try await fixture.appliedCount == 1000)
        #expect(try await fixture.duplicateApplications == 0)
        #expect(try await fixture.keysOutOfOrder == 0)
        consumer.terminate()
        await relay.stop()
        await fixture.pool.shutdown()
        broker.stop()
    }

    @Test("after a broker restart loses every topic, republishing restores delivery and nothing applies twice")
    func restartThenRepublish() async throws {
        let broker = try TansuBroker()
        try broker.start()
        let fixture = try await BackboneFixture(prefix: "fault_restart")
        try broker.createTopic(fixture.topic.name, partitions: 2)
        try broker.createTopic(fixture.topic.deadLetter.name, partitions: 1)
        let keys = ["a", "b", "c", "d"]
        for n in 1...25 { for key in keys { try await fixture.write(key: key, n: n) } }
        let start = Date().addingTimeInterval(-60)

        let group = TestEnvironment.uniqueName("restart")
        let producer = try fixture.makeProducer(brokers: broker.bootstrapServers, messageTimeout: .seconds(5))
        let services = RunningServices(
            [producer, fixture.makeRelay(producer: producer), try fixture.makeConsumer(brokers: broker.bootstrapServers, group: group)],
            logger: fixture.logger)
        #expect(await eventually(timeout: .seconds(60)) { try await fixture.appliedCount == 100 })
        await services.stop()

        try broker.restart()
        try broker.createTopic(fixture.topic.name, partitions: 2)
        try broker.createTopic(fixture.topic.deadLetter.name, partitions: 1)
        try await OutboxMaintenance(pool: fixture.pool).republish(since: start)
        for key in keys { try await fixture.write(key: key, n: 26) }

        let producerAfter = try fixture.makeProducer(brokers: broker.bootstrapServers, messageTimeout: .seconds(5))
        let servicesAfter = RunningServices(
            [
                producerAfter, fixture.makeRelay(producer: producerAfter),
                try fixture.makeConsumer(brokers: broker.bootstrapServers, group: group),
            ],
            logger: fixture.logger)
        #expect(await eventually(timeout: .seconds(60)) { try await fixture.appliedCount == 104 })
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await fixture.appliedCount == 104)
        #expect(try await fixture.duplicateApplications == 0)
        #expect(try await fixture.keysOutOfOrder == 0)
        #expect(try await fixture.count("SELECT count(*)::bigint FROM inbox") == 104)
        #expect(try await fixture.count("SELECT count(*)::bigint FROM outbox WHERE published_at IS NULL") == 0)
        await servicesAfter.stop()
        await fixture.pool.shutdown()
        broker.stop()
    }
}

/// The BackboneProbe executable consuming the fixture's topic in a process of its own.
struct ProbeProcess {
    let process: Process

    /// - Parameter applyDelay: paces each event (the kill test: the consumer must not finish before it).
    init(fixture: BackboneFixture, brokers: String, group: String, applyDelay: Duration = .zero) throws {
        guard let binDirectory = ProcessInfo.processInfo.environment["QINQING_BIN_DIR"] else {
            throw ProbeError.missingBinDirectory
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: binDirectory + "/BackboneProbe")
        process.arguments = [fixture.url, fixture.schema, brokers, fixture.topic.name, group]
        var environment = ProcessInfo.processInfo.environment
        environment["QINQING_PROBE_APPLY_DELAY_MS"] = "\(applyDelay.components.seconds * 1_000 + applyDelay.components.attoseconds / 1_000_000_000_000_000)"
        process.environment = environment
        try process.run()
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }

    enum ProbeError: Error {
        case missingBinDirectory
    }
}
