// A consumer process for the backbone's fault tests and benchmark: applies probe events through
// the inbox into `<schema>.probe_applied`, until SIGTERM (or until a test kills it).
// QINQING_PROBE_APPLY_DELAY_MS (default 0) paces each event, so a test's kill lands mid-stream.
//
//   BackboneProbe <postgres-url> <schema> <brokers> <topic> <group>
import Contracts
import Foundation
import Logging
import Messaging
import Outbox
import Postgres
import ServiceLifecycle

let arguments = CommandLine.arguments
guard arguments.count == 6 else {
    FileHandle.standardError.write(Data("usage: BackboneProbe <postgres-url> <schema> <brokers> <topic> <group>\n".utf8))
    exit(64)
}
let (url, schema, brokers, topic, group) = (arguments[1], arguments[2], arguments[3], arguments[4], arguments[5])

var logger = Logger(label: "backbone-probe")
logger.logLevel = .warning
let pool = PostgresPool(configuration: .init(url: url, poolSize: 4, searchPath: schema), logger: logger)
let applyDelay = Int(ProcessInfo.processInfo.environment["QINQING_PROBE_APPLY_DELAY_MS"] ?? "") ?? 0
var handlers = EventHandlers()
handlers.onRaw(ProbeRecord.eventType) { envelope, connection in
    if applyDelay > 0 { try await Task.sleep(for: .milliseconds(applyDelay)) }
    let record = try EventJSON.decode(ProbeRecord.self, from: envelope.data)
    try await connection.execute(
        "INSERT INTO probe_applied (event_id, record_key, n, occurred_at) VALUES (\(envelope.id), \(envelope.key), \(record.n), \(envelope.time))")
}
var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: group, topics: [topic])
configuration.maxAttempts = 20
let consumer = try EventConsumer(
    name: group, topics: [Topic(topic)], pool: pool, handlers: handlers, configuration: configuration, logger: logger)
let group_ = ServiceGroup(
    configuration: .init(services: [consumer], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
try await group_.run()
await pool.shutdown()

/// The body of a probe event: the n-th event of its key.
struct ProbeRecord: Codable {
    static let eventType = "qinqing.test.probe.recorded.v1"
    var n: Int
}
