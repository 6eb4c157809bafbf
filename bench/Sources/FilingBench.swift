import Contracts
import FilingApp
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import ServiceKit
import Synchronization
import TestSupport

/// Monthly filing through HTTP (rules over last year's and last month's filings and the enterprise's
/// range, a new version with 10 products and 5 raw materials as NUMERIC rows, sealed contact phone,
/// status history, audit and an outbox event carrying the figures, in one transaction), beside raw
/// insert transactions measured in the same run.
struct FilingBench {
    let logger: Logger
    let tokens = TestTokens()
    static let enterprises = 200
    /// Periods with an open window: 2023-01 … 2026-12 (48 months), so every submission is a new filing.
    static let periods: [String] = (2023...2026).flatMap { year in (1...12).map { String(format: "%04d-%02d", year, $0) } }

    struct Measured {
        var rate: Rate
        var latency: Latency
        var workers: Int
    }

    /// The form: 10 products and 5 raw materials; year-to-date = this month (valid in January too) and
    /// the same figures every month with yoy/mom 0, so no warning needs explaining.
    static let form: ByteBuffer = {
        let products = (1...10).map { n -> [String: Any] in
            ["name": "产品\(n)", "unit": "吨", "outputMonth": "\(1000 + n).5", "outputMonthYoY": "0", "outputYTD": "\(1000 + n).5",
             "outputYTDYoY": "0", "price": "\(2000 + n).25", "priceMoM": "0", "priceYoY": "0"]
        }
        let materials = (1...5).map { n -> [String: Any] in
            ["name": "原料\(n)", "unit": "吨", "price": "\(900 + n).75", "priceMoM": "0", "priceYoY": "0"]
        }
        let form: [String: Any] = [
            "contactName": "王建华", "contactPhone": "13912345678",
            "output": ["month": "12345.6789", "monthYoY": "0", "ytd": "12345.6789", "ytdYoY": "0"],
            "electricity": ["month": "120.25", "monthYoY": "0", "ytd": "120.25", "ytdYoY": "0"],
            "revenue": ["month": "950", "monthYoY": "0"], "profit": ["month": "-15.5", "monthYoY": "0"],
            "tax": ["month": "35.1234", "monthYoY": "0"], "inventory": ["value": "200", "unit": "万元", "yoy": "0"],
            "products": products, "materials": materials,
        ]
        return ByteBuffer(data: (try? JSONSerialization.data(withJSONObject: form)) ?? Data())
    }()

    /// `count` filings per worker setting, `workers` requests in flight, each a new (enterprise, month).
    func submissions(count: Int, workers: [Int]) async throws -> [Measured] {
        var configuration = try ServiceConfiguration.forTest(.filing)
        configuration.logLevel = .error
        var dependencies = try await ServiceApplication.prepare(FilingService.definition, configuration: configuration, logger: logger)
        dependencies.tokens = tokens.verifier()
        let deps = dependencies
        let now = Date()
        let ids = (0..<Self.enterprises).map { _ in UUID() }
        for (n, id) in ids.enumerated() {
            let uscc = String(format: "91410400BENCH%05d", n)
            try await deps.pool.execute(
                """
                INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, updated_at)
                VALUES (\(id), \(uscc), \("基准企业\(n)"), '410482', 'C', \(now))
                """)
            try await deps.pool.execute(
                """
                INSERT INTO reporting_enterprises (id, region, name, uscc, industry_code, industry_label, added_at)
                VALUES (\(UUID()), '410482', \("基准企业\(n)"), \(uscc), 'C2521', '焦化', \(now))
                """)
        }
        for period in Self.periods {
            try await deps.pool.execute(
                """
                INSERT INTO filing_windows (period, opens_on, closes_on, set_at)
                VALUES (\(period), current_date - 30, current_date + 30, \(now))
                """)
        }
        var bearers: [String] = []
        for (n, id) in ids.enumerated() {
            let claims = AccessClaims(
                accountID: UUID(), accountKind: .person,
                membership: .init(enterpriseID: id, uscc: String(format: "91410400BENCH%05d", n), role: .member))
            bearers.append(try await tokens.bearer(claims))
        }
        let tokenList = bearers
        let app = try ServiceApplication.application(
            FilingService.definition, runtime: try FilingRuntime(dependencies: deps), dependencies: deps)
        let results = try await app.test(.live) { client in
            for n in 0..<10 { try await Self.submit(client, bearers: tokenList, n: n) }
            var results: [Measured] = []
            var base = 10
            for concurrency in workers {
                let latencies = Mutex<[Double]>([])
                let offset = base
                let rate = try await timedConcurrently(count: count, workers: concurrency) { n in
                    let started = ContinuousClock.now
                    try await Self.submit(client, bearers: tokenList, n: offset + n)
                    latencies.withLock { $0.append(milliseconds(ContinuousClock.now - started)) }
                }
                base += count
                results.append(Measured(rate: rate, latency: .of(latencies.withLock { $0 }), workers: concurrency))
            }
            return results
        }
        let events = try await deps.pool.query("SELECT count(*) AS n FROM outbox WHERE event_type LIKE 'qinqing.filing.filing.%'")[0]
            .decode("n", as: Int.self)
        let values = try await deps.pool.query("SELECT count(*) AS n FROM filing_values")[0].decode("n", as: Int.self)
        await deps.pool.shutdown()
        let expected = 10 + count * workers.count
        guard events >= expected else { throw BenchError("expected at least \(expected) filing events, found \(events)") }
        guard values >= expected * 100 else { throw BenchError("expected at least \(expected * 100) figures, found \(values)") }
        return results
    }

    /// The `n`th filing of the run: enterprise `n` mod 200, each month in turn, so every one is new.
    static func submit(_ client: some TestClientProtocol, bearers: [String], n: Int) async throws {
        let period = periods[(n / enterprises) % periods.count]
        let response = try await client.execute(
            uri: "/periods/\(period)/filing", method: .put,
            headers: [.contentType: "application/json", .authorization: bearers[n % enterprises]], body: form)
        guard response.status == .created || response.status == .ok else {
            throw BenchError("filing answered \(response.status): \(String(buffer: response.body))")
        }
    }
}
