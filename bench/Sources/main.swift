// Benchmarks, each beside a baseline measured in the same run (ratios, not absolute figures,
// compare across noisy machines). Run with
// `./dev bench [backbone] [identity] [notifications] [appeals] [policy] [filing] [redemption] [statistics]` (default: all).
//   backbone: outbox → relay → broker → inbox consumer, beside raw librdkafka produce and raw inserts
//   identity: sign-in through HTTP at bcrypt's production cost beside raw bcrypt; local token checks
//   notifications: fan-out to 100,000 enterprises and event-to-inbox latency beside the raw consumer rate
//   appeals: appeal submission through HTTP (with the outbox) beside raw inserts; the public register's
//            filtered list over 1,000,000 cases (QINQING_BENCH_ROWS overrides), beside its SQL alone
//   policy: the policy list (filters + title keyword) over 100,000 policies, 4 requests in flight, beside
//           /health/live in the same run; subscription matching for one publication against 100,000 enterprises
//   filing: monthly filing (10 products, 5 raw materials) through HTTP beside raw inserts
//   redemption: 政策兑现 application submission (two materials checked against the item's list) through
//               HTTP, 1, 4 and 8 in flight, each by a new enterprise, beside raw inserts; the public item list
//               over 20,000 items beside /health/live
//   statistics: the monthly appeals and performance reports over 1,000,000 appeals' events (QINQING_BENCH_ROWS
//               overrides) beside a count of the raw events; the statistics consumer's ingest rate beside the raw
//               consumer rate on the same 20,000 events (`statistics-ingest`: the ingest alone)
import Foundation
import Logging

var logger = Logger(label: "bench")
logger.logLevel = .error
let environment = ProcessInfo.processInfo.environment
guard let postgresURL = environment["QINQING_TEST_POSTGRES_URL"], let brokers = environment["QINQING_TEST_KAFKA_BROKERS"]
else {
    FileHandle.standardError.write(Data("run through ./dev bench (QINQING_TEST_POSTGRES_URL, QINQING_TEST_KAFKA_BROKERS)\n".utf8))
    exit(64)
}
let scale = Int(environment["QINQING_BENCH_SCALE"] ?? "1") ?? 1
let selected = Set(CommandLine.arguments.dropFirst())
func wants(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

if wants("backbone") {
    let bench = try await BackboneBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
    let rawInsert = try await bench.rawInserts(count: 5_000 * scale, concurrency: 8)
    let outboxWrite = try await bench.outboxWrites(count: 5_000 * scale, concurrency: 8)
    let rawProduce = try await bench.rawProduce(count: 50_000 * scale, batch: 1_000)
    let throughput = try await bench.outboxToConsumer(count: 20_000 * scale)
    let latency = try await bench.steadyLatency(ratePerSecond: 500, seconds: 10)
    await bench.shutdown()
    print(
        BenchReport(
            rawInsert: rawInsert, outboxWrite: outboxWrite, rawProduce: rawProduce, throughput: throughput, latency: latency
        ).markdown)
}

if wants("identity") {
    let bench = SignInBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
    // The test client sends one request at a time over its connection, so both run sequentially.
    let raw = try await bench.rawBcrypt(count: 30 * scale, concurrency: 1)
    let rawParallel = try await bench.rawBcrypt(count: 30 * scale, concurrency: 2)
    let (signIns, latency) = try await bench.signInsOverHTTP(count: 30 * scale, concurrency: 1)
    let (verifications, fetches) = try await bench.tokenVerification(count: 20_000 * scale)
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    print(
        """

        | identity measure (bcrypt cost \(SignInBench.cost)) | count | rate (/s) | ratio |
        |---|---:|---:|---|
        | raw bcrypt verification, one at a time | \(raw.count) | \(f(raw.perSecond)) | baseline C |
        | raw bcrypt verification, 2 at a time (2 cores) | \(rawParallel.count) | \(f(rawParallel.perSecond)) | \(String(format: "%.2f", rawParallel.perSecond / raw.perSecond)) × C |
        | sign-in over HTTP (POST /sessions → tokens), one at a time | \(signIns.count) | \(f(signIns.perSecond)) | \(String(format: "%.2f", signIns.perSecond / raw.perSecond)) × C |
        | access-token verification in a service (cached JWKS) | \(verifications.count) | \(f(verifications.perSecond)) | JWKS fetched \(fetches)× in all |

        Sign-in latency: p50 \(f(latency.p50)) ms, p99 \(f(latency.p99)) ms, max \(f(latency.max)) ms.
        """)
}

if wants("notifications") {
    let bench = NotificationsBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
    let result = try await bench.run(enterprises: 100_000 * scale, steadyRate: 50, seconds: 10)
    func f(_ value: Double) -> String { String(format: "%.0f", value) }
    print(
        """

        | notifications measure | count | rate (/s) | ratio |
        |---|---:|---:|---|
        | raw consumer (messaging layer, no-op handler) | \(result.rawConsume.count) | \(f(result.rawConsume.perSecond)) | baseline D |
        | fan-out: one event → in-site messages to every enterprise | \(result.fanOut.count) | \(f(result.fanOut.perSecond)) | \(String(format: "%.1f", result.fanOut.perSecond / result.rawConsume.perSecond)) × D (\(String(format: "%.2f", result.fanOut.seconds)) s in all) |

        Event-to-inbox latency at a steady 50 events/s (produced → in-site message row), \(result.latency.count) events:
        p50 \(String(format: "%.1f", result.latency.p50)) ms, p99 \(String(format: "%.1f", result.latency.p99)) ms, max \(String(format: "%.1f", result.latency.max)) ms.
        """)
}

if wants("appeals") {
    let backbone = try await BackboneBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
    let rawInsert = try await backbone.rawInserts(count: 5_000 * scale, concurrency: 8)
    await backbone.shutdown()
    let bench = AppealsBench(logger: logger)
    let submissions = try await bench.submissions(count: 500 * scale, workers: [1, 4])
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    var table = """

        | appeals measure | count | rate (/s) | ratio | p50 ms | p99 ms |
        |---|---:|---:|---|---:|---:|
        | raw single-row INSERT transactions, 8 at a time | \(rawInsert.count) | \(f(rawInsert.perSecond)) | baseline A | | |

        """
    for measured in submissions {
        table += """
            | POST /appeals over HTTP (outbox), \(measured.workers) in flight on the test client | \(measured.rate.count) \
            | \(f(measured.rate.perSecond)) | \(String(format: "%.3f", measured.rate.perSecond / rawInsert.perSecond)) × A \
            | \(f(measured.latency.p50)) | \(f(measured.latency.p99)) |

            """
    }
    print(table)
    let rows = Int(environment["QINQING_BENCH_ROWS"] ?? "") ?? 1_000_000
    let register = try await bench.register(rows: rows, requests: 200, withoutIndexRequests: 40)
    var withoutRows = ""
    if let without = register.withoutIndex {
        withoutRows = """
            | without 0008's index: GET /register, \(without.http.count) requests | \(f(percentile(without.http, 0.5))) \
            | \(f(percentile(without.http, 0.95))) | \(f(percentile(without.http, 0.99))) | \(f(without.http.max() ?? 0)) |
            | without 0008's index: the two statements through SQL | \(f(percentile(without.sql, 0.5))) \
            | \(f(percentile(without.sql, 0.95))) | \(f(percentile(without.sql, 0.99))) | \(f(without.sql.max() ?? 0)) |
            """
    }
    print(
        """
        Register over \(register.rows) generated cases (generated + ANALYZE in \(f(register.generateSeconds)) s); \
        one region + one category, newest first, \(register.matching) matching, 200 requests on pages 1-5 and deep pages:

        | register list (region + category, time_desc, size 20) | p50 ms | p95 ms | p99 ms | max ms |
        |---|---:|---:|---:|---:|
        | GET /register as a guest over HTTP | \(f(register.http.p50)) | \(f(register.httpPercentile95)) | \(f(register.http.p99)) | \(f(register.http.max)) |
        | the controller's two statements (count + page) straight through SQL | \(f(register.sql.p50)) | \(f(register.sqlPercentile95)) | \(f(register.sql.p99)) | \(f(register.sql.max)) |
        \(withoutRows)

        Plans (count, then page 1):

        ```
        \(register.plan.trimmingCharacters(in: .whitespacesAndNewlines))
        ```

        Count plan without 0008's index:

        ```
        \(register.withoutIndexPlan.trimmingCharacters(in: .whitespacesAndNewlines))
        ```
        """)
}

if wants("policy") {
    let result = try await PolicyBench(logger: logger).run(policies: 100_000 * scale, enterprises: 100_000 * scale, requests: 400, workers: 4)
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    print(
        """

        Policy list over \(result.policies) published policies (generated + ANALYZE in \(f(result.generateSeconds)) s): \
        keyword 补贴 + region + policy type, newest first, page 1 of \(result.matching) matches; 4 requests in flight.

        | policy measure | requests | rate (/s) | ratio | p50 ms | p95 ms | p99 ms |
        |---|---:|---:|---|---:|---:|---:|
        | GET /health/live (ceiling E) | \(result.live.count) | \(f(result.live.perSecond)) | baseline E \
        | \(f(percentile(result.liveLatency, 0.5))) | \(f(percentile(result.liveLatency, 0.95))) | \(f(percentile(result.liveLatency, 0.99))) |
        | GET /policies?keyword=补贴&region=410402&policyType=finance | \(result.list.count) | \(f(result.list.perSecond)) \
        | \(String(format: "%.2f", result.list.perSecond / result.live.perSecond)) × E \
        | \(f(percentile(result.listLatency, 0.5))) | \(f(percentile(result.listLatency, 0.95))) | \(f(percentile(result.listLatency, 0.99))) |

        Subscription matching: one publication against \(result.enterprises) enterprises' subscriptions: \
        \(result.matched) messages and SubscriptionMatched events in \(String(format: "%.2f", result.matchSeconds)) s.

        Plan of the list's page query:

        ```
        \(result.plan.trimmingCharacters(in: .whitespacesAndNewlines))
        ```
        """)
}

if wants("filing") {
    let backbone = try await BackboneBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
    let rawInsert = try await backbone.rawInserts(count: 5_000 * scale, concurrency: 8)
    await backbone.shutdown()
    let submissions = try await FilingBench(logger: logger).submissions(count: 300 * scale, workers: [1, 4, 8])
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    var table = """

        | filing measure | count | rate (/s) | ratio | p50 ms | p99 ms |
        |---|---:|---:|---|---:|---:|
        | raw single-row INSERT transactions, 8 at a time | \(rawInsert.count) | \(f(rawInsert.perSecond)) | baseline A | | |

        """
    for measured in submissions {
        table += """
            | PUT /periods/{period}/filing (10 products, 5 materials), \(measured.workers) in flight | \(measured.rate.count) \
            | \(f(measured.rate.perSecond)) | \(String(format: "%.3f", measured.rate.perSecond / rawInsert.perSecond)) × A \
            | \(f(measured.latency.p50)) | \(f(measured.latency.p99)) |

            """
    }
    print(table)
}

if wants("redemption") {
    let backbone = try await BackboneBench(postgresURL: postgresURL, brokers: brokers, logger: logger)
    let rawInsert = try await backbone.rawInserts(count: 5_000 * scale, concurrency: 8)
    await backbone.shutdown()
    let submissions = try await RedemptionBench(logger: logger).submissions(count: 300 * scale, workers: [1, 4, 8])
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    var table = """

        | redemption measure | count | rate (/s) | ratio | p50 ms | p99 ms |
        |---|---:|---:|---|---:|---:|
        | raw single-row INSERT transactions, 8 at a time | \(rawInsert.count) | \(f(rawInsert.perSecond)) | baseline A | | |

        """
    for measured in submissions {
        table += """
            | POST /redemption-items/{id}/applications (2 materials), \(measured.workers) in flight | \(measured.rate.count) \
            | \(f(measured.rate.perSecond)) | \(String(format: "%.3f", measured.rate.perSecond / rawInsert.perSecond)) × A \
            | \(f(measured.latency.p50)) | \(f(measured.latency.p99)) |

            """
    }
    print(table)
    for (label, cache) in [("answered from the database", Duration.zero), ("with the 2 s public list cache", Duration.seconds(2))] {
        let (items, list) = try await RedemptionBench(logger: logger).itemList(items: 20_000 * scale, requests: 400, workers: 4, cache: cache)
        print(
            """

            Item list over \(items) published items, \(label): keyword 奖补 + region + window open today, newest first, \
            page 1 of \(list.matching) matches; 4 requests in flight.

            | redemption list measure | requests | rate (/s) | ratio | p50 ms | p95 ms | p99 ms |
            |---|---:|---:|---|---:|---:|---:|
            | GET /health/live (ceiling E) | \(list.live.count) | \(f(list.live.perSecond)) | baseline E \
            | \(f(percentile(list.liveLatency, 0.5))) | \(f(percentile(list.liveLatency, 0.95))) | \(f(percentile(list.liveLatency, 0.99))) |
            | GET /redemption-items?keyword=奖补&openNow=true&region=410401 | \(list.list.count) | \(f(list.list.perSecond)) \
            | \(String(format: "%.2f", list.list.perSecond / list.live.perSecond)) × E \
            | \(f(percentile(list.listLatency, 0.5))) | \(f(percentile(list.listLatency, 0.95))) | \(f(percentile(list.listLatency, 0.99))) |
            """)
    }
}

if wants("statistics") {
    let bench = StatisticsBench(brokers: brokers, logger: logger)
    let reports = try await bench.reports(events: Int(environment["QINQING_BENCH_ROWS"] ?? "") ?? 1_000_000 * scale, repeats: 20)
    let ingest = try await bench.ingest(events: 20_000 * scale)
    print(StatisticsBench.markdown(reports, ingest))
} else if selected.contains("statistics-ingest") {
    let bench = StatisticsBench(brokers: brokers, logger: logger)
    print(StatisticsBench.markdown(try await bench.ingest(events: 20_000 * scale)))
}
