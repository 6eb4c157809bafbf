// The backbone benchmark: outbox → relay → broker → inbox consumer, beside the raw librdkafka
// produce rate and the raw PostgreSQL insert rate measured in the same run (ratios, not absolute
// figures, are what compare across noisy machines). Run with `./dev bench`.
import Foundation
import Logging

var logger = Logger(label: "bench")
logger.logLevel = .warning
let environment = ProcessInfo.processInfo.environment
guard let postgresURL = environment["QINQING_TEST_POSTGRES_URL"], let brokers = environment["QINQING_TEST_KAFKA_BROKERS"]
else {
    FileHandle.standardError.write(Data("run through ./dev bench (QINQING_TEST_POSTGRES_URL, QINQING_TEST_KAFKA_BROKERS)\n".utf8))
    exit(64)
}
let scale = Int(environment["QINQING_BENCH_SCALE"] ?? "1") ?? 1

let bench = try await BackboneBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
let rawInsert = try await bench.rawInserts(count: 5_000 * scale, concurrency: 8)
let outboxWrite = try await bench.outboxWrites(count: 5_000 * scale, concurrency: 8)
let rawProduce = try await bench.rawProduce(count: 50_000 * scale, batch: 1_000)
let throughput = try await bench.outboxToConsumer(count: 20_000 * scale)
let latency = try await bench.steadyLatency(ratePerSecond: 500, seconds: 10)
await bench.shutdown()

let report = BenchReport(
    rawInsert: rawInsert, outboxWrite: outboxWrite, rawProduce: rawProduce, throughput: throughput, latency: latency)
print(report.markdown)
