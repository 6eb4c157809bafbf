import AppealsApp
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import ServiceKit
import Synchronization
import TestSupport

/// Appeal submission through HTTP (validation, serial number, sealed contacts, history, outbox event
/// in one transaction) and the public register's filtered list over a large table, each beside a
/// baseline measured in the same run.
struct AppealsBench {
    let logger: Logger
    let tokens = TestTokens()
    let enterpriseID = UUID()
    static let regions = (0..<20).map { String(format: "42%04d", 300 + $0) }
    static let categories = ["policyNotImplemented", "reformEfficiency"] + (1...8).map { "benchAppeal\($0)" }

    struct Measured {
        var rate: Rate
        var latency: Latency
        var workers: Int
    }

    struct RegisterResult {
        var rows: Int
        var generateSeconds: Double
        var http: Latency
        var httpPercentile95: Double
        var sql: Latency
        var sqlPercentile95: Double
        var matching: Int
        var plan: String
        var withoutIndex: (http: [Double], sql: [Double])?
        var withoutIndexPlan: String
    }

    /// Runs `body` against an in-process appeals service (own schema, test tokens, relay and
    /// background jobs running), with the projections a submission needs seeded in SQL.
    func withService<T: Sendable>(
        _ body: @escaping @Sendable (ServiceDependencies, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var configuration = try ServiceConfiguration.forTest(.appeals)
        configuration.logLevel = .error
        var dependencies = try await ServiceApplication.prepare(AppealsService.definition, configuration: configuration, logger: logger)
        dependencies.tokens = tokens.verifier()
        let deps = dependencies
        let now = Date()
        try await deps.pool.execute(
            """
            INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, status, updated_at)
            VALUES (\(enterpriseID), '91420300MA4A1B2C3D', '十堰示范汽车零部件有限公司', '420302', 'C', 'approved', \(now))
            """)
        let liaisonUnit = UUID()
        let liaison = UUID()
        try await deps.pool.execute(
            "INSERT INTO units (unit_id, name, kind, parent_id, region) VALUES (\(liaisonUnit), '市发展和改革委员会', 'department', NULL, '420302')")
        try await deps.pool.execute(
            """
            INSERT INTO officials (official_id, name, unit_id, region, roles, active)
            VALUES (\(liaison), '张卫东', \(liaisonUnit), '420302', 'liaison', true)
            """)
        try await deps.pool.execute(
            """
            INSERT INTO liaison_assignments (enterprise_id, official_id, unit_id, assigned_at)
            VALUES (\(enterpriseID), \(liaison), \(liaisonUnit), \(now))
            """)
        let app = try ServiceApplication.application(
            AppealsService.definition, runtime: try AppealsRuntime(dependencies: deps), dependencies: deps)
        let result = try await app.test(.live) { client in try await body(deps, client) }
        await deps.pool.shutdown()
        return result
    }

    static func appealForm(_ n: Int) -> ByteBuffer {
        let form: [String: Any] = [
            "basic": [
                "region": "420302", "industry": "C36 汽车制造业", "employeeCount": "100-299", "ownership": "民营",
                "principalName": "王建华", "principalTitle": "总经理", "principalPhone": "13912345678",
                "contactName": "李小红", "contactTitle": "办公室主任", "contactPhone": "13887654321",
                "overview": "主要生产汽车底盘零部件，计划明年扩产。",
            ],
            "operations": ["year": 2025, "investment": 1250.5, "revenue": 8600.25, "tax": 312.75],
            "plan": ["text": "三年内新增两条生产线"],
            "helper": ["officialName": "张卫东"],
            "problem": ["title": "新厂房用电报装迟迟未接入 \(n)", "category": "reformEfficiency", "detail": "厂房已建成三个月，用电报装仍未完成，影响投产。"],
        ]
        return ByteBuffer(data: try! JSONSerialization.data(withJSONObject: form))
    }

    /// POST /appeals as an enterprise member, `count` times with `workers` requests in flight on
    /// the test client.
    func submissions(count: Int, workers: [Int]) async throws -> [Measured] {
        let claims = AccessClaims(
            accountID: UUID(), accountKind: .person,
            membership: .init(enterpriseID: enterpriseID, uscc: "91420300MA4A1B2C3D", role: .admin))
        let bearer = try await tokens.bearer(claims)
        return try await withService { deps, client in
            var results: [Measured] = []
            // Warm-up (first connection, prepared caches).
            for n in 0..<10 { try await Self.submit(client, bearer: bearer, n: -n - 1) }
            for concurrency in workers {
                let latencies = Mutex<[Double]>([])
                let rate = try await timedConcurrently(count: count, workers: concurrency) { n in
                    let started = ContinuousClock.now
                    try await Self.submit(client, bearer: bearer, n: n)
                    latencies.withLock { $0.append(milliseconds(ContinuousClock.now - started)) }
                }
                results.append(Measured(rate: rate, latency: .of(latencies.withLock { $0 }), workers: concurrency))
            }
            let events = try await deps.pool.query(
                "SELECT count(*) AS n FROM outbox WHERE event_type LIKE 'qinqing.appeals.%'")[0].decode("n", as: Int.self)
            let expected = 10 + count * workers.count
            guard events >= expected else { throw BenchError("expected at least \(expected) outbox events, found \(events)") }
            return results
        }
    }

    static func submit(_ client: some TestClientProtocol, bearer: String, n: Int) async throws {
        let response = try await client.execute(
            uri: "/appeals", method: .post, headers: [.contentType: "application/json", .authorization: bearer], body: appealForm(n))
        guard response.status == .created || response.status == .ok else {
            throw BenchError("submission answered \(response.status): \(String(buffer: response.body))")
        }
    }

    /// Generates `rows` concluded public cases, then lists the register as a guest with a region
    /// and category filter, newest first, on various pages; and the controller's SQL on its own.
    func register(rows: Int, requests: Int, withoutIndexRequests: Int) async throws -> RegisterResult {
        try await withService { deps, client in
            // A real form, so the register can decode and redact every row it lists.
            let claims = AccessClaims(
                accountID: UUID(), accountKind: .person,
                membership: .init(enterpriseID: enterpriseID, uscc: "91420300MA4A1B2C3D", role: .admin))
            try await Self.submit(client, bearer: try await tokens.bearer(claims), n: 0)
            let started = ContinuousClock.now
            try await Self.generate(rows: rows, pool: deps.pool)
            let generateSeconds = milliseconds(ContinuousClock.now - started) / 1000

            let region = Self.regions[3]
            let category = Self.categories[4]
            let matching = try await deps.pool.query(
                "SELECT count(*) AS n FROM cases WHERE region = \(region) AND category = \(category) AND status = 'closed'"
            )[0].decode("n", as: Int.self)
            let pages = max(1, min(100, matching / 20))
            // Warm-up.
            for page in 1...5 { _ = try await Self.list(client, region: region, category: category, page: page) }
            let (http, sql) = try await Self.measure(
                client: client, pool: deps.pool, region: region, category: category, pages: pages, matching: matching, requests: requests)
            var plan = ""
            for statement in [Self.countSQL(region: region, category: category), Self.listSQL(region: region, category: category, page: 1)] {
                var explain: PostgresQuery = "EXPLAIN (ANALYZE, BUFFERS) "
                explain.append(statement)
                plan += try await deps.pool.query(explain).map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
                plan += "\n\n"
            }
            // The same again without 0008's and 0016's indexes (those of 0007 only), fewer requests: before/after in one run.
            var without: (http: [Double], sql: [Double], plan: String)?
            let indexed = try await deps.pool.query(
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'cases_register_region_category'")
            if withoutIndexRequests > 0, !indexed.isEmpty {
                try await deps.pool.execute("DROP INDEX cases_register_region_category")
                try await deps.pool.execute("DROP INDEX IF EXISTS cases_register_region_category_submitted")
                let (http, sql) = try await Self.measure(
                    client: client, pool: deps.pool, region: region, category: category, pages: pages, matching: matching,
                    requests: withoutIndexRequests)
                var explain: PostgresQuery = "EXPLAIN (ANALYZE, BUFFERS) "
                explain.append(Self.countSQL(region: region, category: category))
                let plan = try await deps.pool.query(explain).map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
                without = (http, sql, plan)
            }
            return RegisterResult(
                rows: rows, generateSeconds: generateSeconds, http: .of(http), httpPercentile95: percentile(http, 0.95),
                sql: .of(sql), sqlPercentile95: percentile(sql, 0.95), matching: matching, plan: plan,
                withoutIndex: without.map { ($0.http, $0.sql) }, withoutIndexPlan: without?.plan ?? "")
        }
    }

    /// `requests` register pages over HTTP, then the controller's two statements for the same pages
    /// straight through SQL on one connection. Mostly the first pages (what people read), some deep ones.
    static func measure(
        client: some TestClientProtocol, pool: PostgresPool, region: String, category: String, pages: Int, matching: Int, requests: Int
    ) async throws -> (http: [Double], sql: [Double]) {
        func page(_ n: Int) -> Int { n % 4 == 3 ? 1 + (n * 37) % pages : 1 + n % 5 }
        var http: [Double] = []
        for n in 0..<requests {
            let started = ContinuousClock.now
            let total = try await list(client, region: region, category: category, page: page(n))
            http.append(milliseconds(ContinuousClock.now - started))
            guard total == matching else { throw BenchError("register total \(total), expected \(matching)") }
        }
        var sql: [Double] = []
        for n in 0..<requests {
            let started = ContinuousClock.now
            try await pool.withConnection { connection in
                _ = try await connection.query(countSQL(region: region, category: category))
                _ = try await connection.query(listSQL(region: region, category: category, page: page(n)))
            }
            sql.append(milliseconds(ContinuousClock.now - started))
        }
        return (http, sql)
    }

    static let visible = "c.status = 'closed' AND c.register_withheld IS NULL AND (c.kind = 'appeal' OR c.public_requested)"

    static func countSQL(region: String, category: String) -> PostgresQuery {
        "SELECT count(*) AS n FROM cases c WHERE \(unescaped: visible) AND c.region = \(region) AND c.category = \(category)"
    }

    static func listSQL(region: String, category: String, page: Int) -> PostgresQuery {
        """
        SELECT c.* FROM cases c WHERE \(unescaped: visible) AND c.region = \(region) AND c.category = \(category)
        ORDER BY c.submitted_at DESC, c.serial_number LIMIT 20 OFFSET \((page - 1) * 20)
        """
    }

    static func list(_ client: some TestClientProtocol, region: String, category: String, page: Int) async throws -> Int {
        let response = try await client.execute(
            uri: "/register?region=\(region)&category=\(category)&sort=time_desc&page=\(page)&size=20", method: .get)
        guard response.status == .ok else { throw BenchError("register answered \(response.status): \(String(buffer: response.body))") }
        let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        guard let total = body?["total"] as? Int, let items = body?["items"] as? [Any], !items.isEmpty else {
            throw BenchError("register page \(page) was empty")
        }
        return total
    }

    /// Concluded cases spread over 20 regions, 10 appeal categories and three years, all on the
    /// register (appeals, closed, not withheld), with the form of a real submission.
    static func generate(rows: Int, pool: PostgresPool) async throws {
        for code in categories where code.hasPrefix("bench") {
            try await pool.execute("INSERT INTO categories (code, kind, name) VALUES (\(code), 'appeal', \(code))")
        }
        let regionList = "ARRAY[" + regions.map { "'\($0)'" }.joined(separator: ",") + "]"
        let categoryList = "ARRAY[" + categories.map { "'\($0)'" }.joined(separator: ",") + "]"
        let chunk = 100_000
        var from = 1
        while from <= rows {
            let to = min(rows, from + chunk - 1)
            try await pool.execute(
                """
                INSERT INTO cases (id, kind, serial_number, enterprise_id, enterprise_name, region, category, title, form,
                    status, scheme_code, public_requested, submitted_by, submitted_at, closed_at, replied_at, updated_at,
                    solved, satisfied)
                SELECT gen_random_uuid(), 'appeal', 'BENCH' || lpad(g::text, 9, '0'), template.enterprise_id,
                    template.enterprise_name, (\(unescaped: regionList))[1 + g % 20],
                    (\(unescaped: categoryList))[1 + (g / 20) % 10], '标题 ' || g, template.form,
                    'closed', 'shiyan', g % 3 = 0, template.submitted_by,
                    t - interval '20 days', t, t - interval '2 days', t, true, g % 5 <> 0
                FROM generate_series(\(from), \(to)) AS g,
                     LATERAL (SELECT now() - (g * 94.6 || ' seconds')::interval AS t) AS times,
                     (SELECT enterprise_id, enterprise_name, form, submitted_by FROM cases ORDER BY submitted_at LIMIT 1) AS template
                """)
            from = to + 1
        }
        try await pool.execute("ANALYZE cases")
    }
}

extension Latency {
    static func of(_ values: [Double]) -> Latency {
        let sorted = values.sorted()
        return Latency(count: sorted.count, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.last ?? 0)
    }
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
