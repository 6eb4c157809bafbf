import Contracts
import FilingApp
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Messaging
import Postgres
import ServiceKit
import ServiceLifecycle
import Synchronization
import TestSupport

/// Issue 15's two statistics targets, each beside a baseline measured in the same run: the monthly
/// reports over 1,000,000 appeals' events (under 1 s, because the read models are incremental) beside
/// a count of the raw events; and the filing service's statistics consumer ingesting appeals events
/// beside a consumer that only reads them (at least 0.3 ×).
struct StatisticsBench {
    let brokers: String
    let logger: Logger
    let tokens = TestTokens()

    /// A request (or statement) timed once on its own, then `repeats` more times.
    struct Timed {
        var label: String
        var first: Double
        var median: Double
        var max: Double
        var repeats: Int
    }

    struct Reports {
        var events: Int
        var cases: Int
        var month: String
        var seedSeconds: Double
        var sampleCases: Int
        var sampleDiffering: Int
        var sampleRebuildSeconds: Double
        /// PostgreSQL's `jit` setting (it compiles the figures' statements: their estimated cost is high).
        var jit: String
        var baseline: Timed
        var requests: [Timed]
        /// For each report slower than 1 s: the statements seen running during one more request, slowest first.
        var slow: [(label: String, statements: [(sql: String, ms: Double)])]
    }

    struct Ingest {
        var events: Int
        var cases: Int
        var raw: Rate
        /// Each case's events one after another (most batches hold a case's whole history).
        var ingest: Rate
        /// The same events in the order they happened, as a replay of the topic delivers them: a batch
        /// folds cases whose earlier events are already kept.
        var replay: Rate
    }

    // MARK: - The monthly reports

    /// Seeds the read models with `events` case events (about 5.4 per case) over the 12 months before
    /// this one, then reads the reports of the middle month over HTTP as an inspector.
    func reports(events: Int, repeats: Int) async throws -> Reports {
        MetricsSetup.bootstrap()  // before the consumer's counters are made, so `applied` sees them
        var configuration = try ServiceConfiguration.forTest(.filing)
        configuration.logLevel = .error
        var definition = FilingService.definition
        // The figures are seeded, not consumed: a consumer reading the shared appeals topic from the
        // start would apply other benches' events meanwhile.
        definition.consumers = { _ in [] }
        definition.jobs = { _ in [] }
        var dependencies = try await ServiceApplication.prepare(definition, configuration: configuration, logger: logger)
        dependencies.tokens = tokens.verifier()
        let deps = dependencies
        let pool = deps.pool
        let inspector = try await tokens.bearer(AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"]))
        let admin = try await tokens.bearer(
            AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"], region: "410400"))
        let app = try ServiceApplication.application(definition, runtime: try FilingRuntime(dependencies: deps), dependencies: deps)
        let result = try await app.test(.live) { client in
            let base = try await pool.query(
                "SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '12 months') AT TIME ZONE 'Asia/Shanghai' AS base"
            )[0].decode("base", as: Date.self)
            let sampleCases = 2_000
            let (differing, rebuildSeconds) = try await Self.checkSeed(client, pool: pool, base: base, cases: sampleCases, admin: admin)

            let cases = max(20, events * 20 / 108)
            let started = ContinuousClock.now
            try await Self.seed(pool: pool, base: base, cases: cases)
            try await pool.execute(Self.policiesSQL(base: base, count: 2_400))
            for table in ["stat_case_events", "stat_cases", "stat_policies"] {
                try await pool.execute("VACUUM (ANALYZE) \(unescaped: table)")
            }
            let seedSeconds = milliseconds(ContinuousClock.now - started) / 1000
            let seeded = Int(try await pool.query("SELECT count(*)::bigint AS n FROM stat_case_events")[0].decode("n", as: Int64.self))
            let month = try await pool.query("SELECT to_char(\(base) AT TIME ZONE 'Asia/Shanghai' + interval '6 months', 'YYYY-MM') AS m")[0]
                .decode("m", as: String.self)

            let baseline = try await Self.timed("SELECT count(*) FROM stat_case_events", repeats: repeats) {
                _ = try await pool.query("SELECT count(*) FROM stat_case_events")
            }
            let endpoints = Self.endpoints(month)
            var requests: [Timed] = []
            for (label, uri) in endpoints {
                requests.append(try await Self.timed(label, repeats: repeats) { _ = try await Self.get(client, uri, bearer: inspector) })
            }
            try await Self.checkFigures(client, pool: pool, month: month, bearer: inspector)
            var slow: [(label: String, statements: [(sql: String, ms: Double)])] = []
            for (timed, (label, uri)) in zip(requests, endpoints) where max(timed.first, timed.median) >= 1000 {
                slow.append((label, try await Self.statementsSeen(pool: pool) { _ = try await Self.get(client, uri, bearer: inspector) }))
            }
            let jit = try await pool.query(
                "SELECT current_setting('jit') || CASE WHEN pg_jit_available() THEN '' ELSE ' (not available)' END AS jit")[0]
                .decode("jit", as: String.self)
            return Reports(
                events: seeded, cases: cases, month: month, seedSeconds: seedSeconds, sampleCases: sampleCases,
                sampleDiffering: differing, sampleRebuildSeconds: rebuildSeconds, jit: jit, baseline: baseline, requests: requests,
                slow: slow)
        }
        await pool.shutdown()
        return result
    }

    static func endpoints(_ month: String) -> [(label: String, uri: String)] {
        [
            // 20 units fill the default page of 20, so the page's total is counted by a second run of the statement.
            ("GET /statistics/appeals/{month} (JSON, 20 units)", "/statistics/appeals/\(month)"),
            ("GET /statistics/appeals/{month}?size=100 (a short page: one statement)", "/statistics/appeals/\(month)?size=100"),
            ("GET /statistics/appeals/{month}/items?measure=concludedLate, page 1", "/statistics/appeals/\(month)/items?measure=concludedLate"),
            ("GET /statistics/performance/{month} (JSON, by unit)", "/statistics/performance/\(month)"),
            ("GET /statistics/performance/{month}?by=region", "/statistics/performance/\(month)?by=region"),
            ("GET /statistics/performance/{month}/csv", "/statistics/performance/\(month)/csv"),
            ("GET /statistics/performance/{month}/html (city page)", "/statistics/performance/\(month)/html"),
        ]
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, bearer: String) async throws -> ByteBuffer {
        let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: bearer])
        guard response.status == .ok else { throw BenchError("\(uri) answered \(response.status): \(String(buffer: response.body))") }
        return response.body
    }

    static func timed(_ label: String, repeats: Int, _ body: () async throws -> Void) async throws -> Timed {
        var times: [Double] = []
        for _ in 0...repeats {
            let started = ContinuousClock.now
            try await body()
            times.append(milliseconds(ContinuousClock.now - started))
        }
        let rest = times.dropFirst().sorted()
        return Timed(label: label, first: times[0], median: percentile(rest, 0.5), max: rest.last ?? times[0], repeats: repeats)
    }

    /// The month's figures add up to the seeded cases received in it.
    static func checkFigures(_ client: some TestClientProtocol, pool: PostgresPool, month: String, bearer: String) async throws {
        let body = try await get(client, "/statistics/appeals/\(month)", bearer: bearer)
        let page = try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any]
        let received = (page?["items"] as? [[String: Any]] ?? []).compactMap { $0["received"] as? Int }.reduce(0, +)
        let expected = Int(
            try await pool.query("SELECT count(*)::bigint AS n FROM stat_cases WHERE received_month = \(month) AND unit_id IS NOT NULL")[0]
                .decode("n", as: Int64.self))
        guard received == expected, expected > 0 else { throw BenchError("the units received \(received) in \(month), the seed \(expected)") }
    }

    /// Samples `pg_stat_activity` while `body` runs: each statement on the statistics tables seen
    /// running, with the longest it was seen running.
    static func statementsSeen(pool: PostgresPool, during body: () async throws -> Void) async throws -> [(sql: String, ms: Double)] {
        let sampler = Task {
            var seen: [String: Double] = [:]
            while !Task.isCancelled {
                if let rows = try? await pool.query(
                    """
                    SELECT query, (extract(epoch FROM clock_timestamp() - query_start) * 1000)::float8 AS ms FROM pg_stat_activity
                    WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database() AND position('stat_' IN query) > 0
                    """)
                {
                    for row in rows {
                        guard let sql = try? row.decode("query", as: String.self), let ms = try? row.decode("ms", as: Double.self) else { continue }
                        let key = String(sql.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(300))
                        seen[key] = max(seen[key] ?? 0, ms)
                    }
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return seen
        }
        try await body()
        sampler.cancel()
        return await sampler.value.sorted { $0.value > $1.value }.map { (sql: $0.key, ms: $0.value) }
    }

    // MARK: - Seeding

    /// Seeds `cases` cases, lets the service fold them again (`POST /statistics/rebuild`) and counts the
    /// folded rows that differ from the seed's; then empties the read models.
    static func checkSeed(
        _ client: some TestClientProtocol, pool: PostgresPool, base: Date, cases: Int, admin: String
    ) async throws -> (differing: Int, rebuildSeconds: Double) {
        try await seed(pool: pool, base: base, cases: cases)
        let started = ContinuousClock.now
        let response = try await client.execute(uri: "/statistics/rebuild", method: .post, headers: [.authorization: admin])
        let rebuildSeconds = milliseconds(ContinuousClock.now - started) / 1000
        let rebuilt = (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])?["cases"] as? Int
        guard response.status == .ok, rebuilt == cases else {
            throw BenchError("rebuild answered \(response.status): \(String(buffer: response.body))")
        }
        var differences: PostgresQuery = "WITH t AS ("
        differences.append(timeline(base: base, cases: cases))
        differences.appendUnescaped(
            """
            ), seeded AS (\(folded)), rebuilt AS (SELECT \(foldedColumns) FROM stat_cases)
            SELECT 'seeded' AS side, row_to_json(d)::text AS row FROM (SELECT * FROM seeded EXCEPT SELECT * FROM rebuilt) d
            UNION ALL
            SELECT 'rebuilt', row_to_json(d)::text FROM (SELECT * FROM rebuilt EXCEPT SELECT * FROM seeded) d
            """)
        let rows = try await pool.query(differences)
        var sides: [String: Int] = [:]
        for row in rows {
            let side = try row.decode("side", as: String.self)
            sides[side, default: 0] += 1
            if sides[side] ?? 0 <= 5 {
                FileHandle.standardError.write(Data("statistics seed ≠ fold (\(side)): \(try row.decode("row", as: String.self))\n".utf8))
            }
        }
        try await pool.execute("TRUNCATE stat_case_events, stat_cases")
        return (max(sides["seeded"] ?? 0, sides["rebuilt"] ?? 0), rebuildSeconds)
    }

    static func seed(pool: PostgresPool, base: Date, cases: Int) async throws {
        var events: PostgresQuery = "WITH t AS ("
        events.append(timeline(base: base, cases: cases))
        events.appendUnescaped(") " + eventsSQL)
        try await pool.execute(events)
        var folded: PostgresQuery = "WITH t AS ("
        folded.append(timeline(base: base, cases: cases))
        folded.appendUnescaped(") INSERT INTO stat_cases (\(foldedColumns)) \(Self.folded)")
        try await pool.execute(folded)
    }

    static let units = [
        "市发改委", "市工信局", "市教育局", "市科技局", "市民政局", "市财政局", "市人社局", "市自然资源局", "市生态环境局", "市住建局",
        "市交通局", "市水利局", "市农业农村局", "市商务局", "市文广旅局", "市卫健委", "市应急局", "市市场监管局", "市税务局", "市营商环境办",
    ]
    static let unitList = "ARRAY[" + units.map { "'\($0)'" }.joined(separator: ",") + "]"

    /// One row per case with the time of each of its events (NULL: the case has no such event),
    /// submissions spread evenly over 345 days from `base` (so the last events fall before this month).
    /// `p` (case number mod 20) picks the course: 0 in review, 1 dispatched, 2 withdrawn, 3 signed,
    /// 4 overdue in its reply step and escalated, 5 the same then replied late, rated and closed,
    /// 6 rated unsolved, reopened, replied again, rated and closed, 7–18 replied, rated and closed,
    /// 19 replied and closed unrated (5.4 events a case). Unit, region, kind, category, lateness and
    /// the ratings come from hashes of the case number; later units sign and reply late more often.
    static func timeline(base: Date, cases: Int) -> PostgresQuery {
        """
        SELECT g, p, s, kind, t_dis, t_sig, t_od, t_esc, t_rep1, t_rat1, t_reo, t_rep2, t_rat2, t_wd, t_clo,
            md5('bench-case-' || g)::uuid AS case_id,
            CASE kind WHEN 'appeal' THEN 'SQ' ELSE 'TS' END || to_char(s AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || lpad(g::text, 7, '0')
                AS serial_number,
            '统计基准诉求 ' || g AS title, '基准企业' || (g % 5000) AS enterprise_name,
            (ARRAY['410402', '410403', '410404', '410411', '410421', '410422', '410423', '410425'])[1 + abs(hashint4extended(g, 2)) % 8]
                AS region,
            CASE kind WHEN 'appeal'
                THEN (ARRAY['policyNotImplemented', 'reformEfficiency', 'financing', 'landUse', 'talent'])[1 + abs(hashint4extended(g, 4)) % 5]
                ELSE (ARRAY['inaction', 'arbitraryCharges', 'delay'])[1 + abs(hashint4extended(g, 4)) % 3] END AS category,
            ('bbbbbbbb-0000-4000-8000-' || lpad(u::text, 12, '0'))::uuid AS unit_id,
            (\(unescaped: unitList))[1 + u] AS unit_name,
            CASE WHEN t_rat1 IS NOT NULL THEN p <> 6 AND h3 >= 0.15 END AS solved1,
            CASE WHEN t_rat1 IS NOT NULL THEN p <> 6 AND h3 >= 0.15 AND h4 >= 0.08 END AS satisfied1,
            CASE WHEN p = 6 THEN true END AS solved2,
            CASE WHEN p = 6 THEN h4 >= 0.3 END AS satisfied2
        FROM generate_series(1, \(unescaped: String(cases))) AS g
        CROSS JOIN LATERAL (
            SELECT g % 20 AS p, (abs(hashint4extended(g, 1)) % 20)::int AS u,
                CASE WHEN abs(hashint4extended(g, 3)) % 4 = 0 THEN 'complaint' ELSE 'appeal' END AS kind,
                \(base)::timestamptz + make_interval(secs => ((g - 1)::bigint * 29808000 / \(unescaped: String(cases)))::float8) AS s,
                abs(hashint4extended(g, 5)) % 10000 / 10000.0 AS h1, abs(hashint4extended(g, 6)) % 10000 / 10000.0 AS h2,
                abs(hashint4extended(g, 7)) % 10000 / 10000.0 AS h3, abs(hashint4extended(g, 8)) % 10000 / 10000.0 AS h4
        ) k
        CROSS JOIN LATERAL (
            SELECT CASE WHEN p >= 1 THEN s + interval '2 hours' END AS t_dis,
                CASE WHEN p >= 3 THEN s + CASE WHEN h1 < 0.04 + 0.01 * u THEN interval '30 hours' ELSE interval '4 hours' END END AS t_sig,
                CASE WHEN p = 2 THEN s + interval '3 hours' END AS t_wd
        ) a
        CROSS JOIN LATERAL (
            SELECT CASE WHEN p IN (4, 5) THEN t_sig + interval '7 days' END AS t_od,
                CASE WHEN p IN (4, 5) THEN t_sig + interval '8 days' END AS t_esc,
                CASE WHEN p = 5 THEN t_sig + interval '9 days'
                     WHEN p = 6 THEN t_sig + interval '3 days'
                     WHEN p >= 7 THEN t_sig + CASE WHEN h2 < 0.05 + 0.015 * u THEN interval '8 days' ELSE interval '3 days' END END AS t_rep1
        ) b
        CROSS JOIN LATERAL (SELECT CASE WHEN p BETWEEN 5 AND 18 THEN t_rep1 + interval '1 day' END AS t_rat1) c
        CROSS JOIN LATERAL (SELECT CASE WHEN p = 6 THEN t_rat1 + interval '1 minute' END AS t_reo) d
        CROSS JOIN LATERAL (SELECT CASE WHEN p = 6 THEN t_reo + interval '2 days' END AS t_rep2) e
        CROSS JOIN LATERAL (SELECT CASE WHEN p = 6 THEN t_rep2 + interval '1 day' END AS t_rat2) f
        CROSS JOIN LATERAL (
            SELECT CASE WHEN p = 6 THEN t_rat2 + interval '1 minute'
                        WHEN p = 19 THEN t_rep1 + interval '7 days 1 hour'
                        WHEN p = 5 OR p >= 7 THEN t_rat1 + interval '1 minute' END AS t_clo
        ) h
        """
    }

    /// The events of the timeline `t` as the statistics consumer keeps them; each after the transition,
    /// with the step it leaves the item in and that step's due time (the appeals service's facts).
    static let eventsSQL = """
        INSERT INTO stat_case_events (event_id, case_id, action, occurred_at, kind, serial_number, title, enterprise_name, region,
            category, status, unit_id, unit_name, step, due_at, submitted_at, solved, satisfied)
        SELECT md5(t.case_id::text || '/' || e.n)::uuid, t.case_id, e.action, e.at, t.kind, t.serial_number, t.title, t.enterprise_name,
            t.region, t.category, e.status, CASE WHEN e.n > 1 THEN t.unit_id END, CASE WHEN e.n > 1 THEN t.unit_name END, e.step, e.due,
            t.s, e.solved, e.satisfied
        FROM t CROSS JOIN LATERAL (VALUES
            (1, 'submitted', t.s, 'reviewing', 'review', t.s + interval '1 day', NULL::boolean, NULL::boolean),
            (2, 'dispatched', t.t_dis, 'signing', 'sign', t.t_dis + interval '1 day', NULL, NULL),
            (3, 'signed', t.t_sig, 'inProgress', 'reply', t.t_sig + interval '7 days', NULL, NULL),
            (4, 'overdue', t.t_od, 'inProgress', 'reply', t.t_sig + interval '7 days', NULL, NULL),
            (5, 'escalated', t.t_esc, 'inProgress', 'reply', t.t_sig + interval '7 days', NULL, NULL),
            (6, 'replied', t.t_rep1, 'replied', 'rate', t.t_rep1 + interval '7 days', NULL, NULL),
            (7, 'rated', t.t_rat1, CASE WHEN t.p = 6 THEN 'replied' ELSE 'awaitingClosure' END, CASE WHEN t.p = 6 THEN 'rate' END,
                CASE WHEN t.p = 6 THEN t.t_rep1 + interval '7 days' END, t.solved1, t.satisfied1),
            (8, 'reopened', t.t_reo, 'inProgress', 'reply', t.t_reo + interval '7 days', NULL, NULL),
            (9, 'replied', t.t_rep2, 'replied', 'rate', t.t_rep2 + interval '7 days', NULL, NULL),
            (10, 'rated', t.t_rat2, 'awaitingClosure', NULL, NULL, t.solved2, t.satisfied2),
            (11, 'withdrawn', t.t_wd, 'withdrawn', NULL, NULL, NULL, NULL),
            (12, 'closed', t.t_clo, 'closed', NULL, NULL, NULL, NULL)
        ) AS e (n, action, at, status, step, due, solved, satisfied)
        WHERE e.at IS NOT NULL
        """

    static let foldedColumns = """
        case_id, kind, serial_number, title, enterprise_name, region, category, status, unit_id, unit_name, current_step,
        current_due_at, submitted_at, received_month, signed_at, signed_month, signed_late, first_replied_at, first_replied_month,
        days_to_reply, concluded_at, concluded_month, concluded_late, rated_at, rated_month, solved, satisfied, reopened, escalations,
        last_event_at
        """

    /// What `CaseStatistics.fold` makes of each timeline's events, in `foldedColumns` order (checked
    /// against the service's own rebuild on a sample every run).
    static let folded = """
        SELECT case_id, kind, serial_number, title, enterprise_name, region, category,
            CASE p WHEN 0 THEN 'reviewing' WHEN 1 THEN 'signing' WHEN 2 THEN 'withdrawn' WHEN 3 THEN 'inProgress' WHEN 4 THEN 'inProgress'
                ELSE 'closed' END AS status,
            CASE WHEN p > 0 THEN unit_id END AS unit_id, CASE WHEN p > 0 THEN unit_name END AS unit_name,
            CASE p WHEN 0 THEN 'review' WHEN 1 THEN 'sign' WHEN 3 THEN 'reply' WHEN 4 THEN 'reply' END AS current_step,
            CASE p WHEN 0 THEN s + interval '1 day' WHEN 1 THEN t_dis + interval '1 day' WHEN 3 THEN t_sig + interval '7 days'
                WHEN 4 THEN t_sig + interval '7 days' END AS current_due_at,
            s AS submitted_at, to_char(s AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS received_month,
            t_sig AS signed_at, to_char(t_sig AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS signed_month,
            t_sig > t_dis + interval '1 day' AS signed_late,
            t_rep1 AS first_replied_at, to_char(t_rep1 AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS first_replied_month,
            round(extract(epoch FROM t_rep1 - s)::numeric / 86400, 1) AS days_to_reply,
            coalesce(t_rep2, t_rep1) AS concluded_at, to_char(coalesce(t_rep2, t_rep1) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS concluded_month,
            CASE WHEN t_rep2 IS NOT NULL THEN t_rep2 > t_reo + interval '7 days'
                 ELSE coalesce(t_od < t_rep1, false) OR t_rep1 > t_sig + interval '7 days' END AS concluded_late,
            coalesce(t_rat2, t_rat1) AS rated_at, to_char(coalesce(t_rat2, t_rat1) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS rated_month,
            coalesce(solved2, solved1) AS solved, coalesce(satisfied2, satisfied1) AS satisfied, t_reo IS NOT NULL AS reopened,
            (t_esc IS NOT NULL)::int AS escalations,
            greatest(s, t_dis, t_sig, t_od, t_esc, t_rep1, t_rat1, t_reo, t_rep2, t_rat2, t_wd, t_clo) AS last_event_at
        FROM t
        """

    /// Policies of the same units over the same months, one in ten published more than 24 hours after issue.
    static func policiesSQL(base: Date, count: Int) -> PostgresQuery {
        """
        INSERT INTO stat_policies (policy_id, agency_id, agency_name, region, title, published_at, published_month, hours_to_publish, late)
        SELECT md5('bench-policy-' || g)::uuid, ('bbbbbbbb-0000-4000-8000-' || lpad(u::text, 12, '0'))::uuid, (\(unescaped: unitList))[1 + u],
            '410400', '基准政策 ' || g, at, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), hours, hours > 24
        FROM generate_series(1, \(unescaped: String(count))) AS g
        CROSS JOIN LATERAL (
            SELECT g % 20 AS u, \(base)::timestamptz + make_interval(secs => ((g - 1)::bigint * 29808000 / \(unescaped: String(count)))::float8) AS at,
                (CASE WHEN g % 10 = 0 THEN 25 ELSE 1 END + abs(hashint4extended(g, 9)) % 2300 / 100.0)::numeric(12, 2) AS hours
        ) x
        """
    }

    // MARK: - Ingest

    /// Produces `count` appeals events (five per case) to two topics of the bench's own, case by case
    /// and in the order they happened, then drains them: with a consumer that only counts, and with the
    /// filing service's statistics consumer (each topic into read models of its own).
    func ingest(events count: Int) async throws -> Ingest {
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: logger)
        let run = UInt32.random(in: 0...UInt32.max)
        let byCase = Topic("bench.statistics.\(run)"), inTime = Topic("bench.statistics.\(run).replay")
        for topic in [byCase, inTime] {
            try await admin.createTopics([topic.name], partitions: 6)
            try await admin.createTopics([topic.deadLetter.name], partitions: 1)
        }
        let cases = max(1, count / 5)
        let events = try Self.caseEvents(cases: cases)
        func messages(_ events: [(at: Date, envelope: EventEnvelope)], to topic: Topic) -> [KafkaOutgoingMessage] {
            events.map { event in
                KafkaOutgoingMessage(
                    topic: topic.name, key: event.envelope.key, value: Array(event.envelope.data),
                    headers: event.envelope.headers.map { KafkaHeader(key: $0.name, string: $0.value) })
            }
        }
        try await produce(messages(events, to: byCase))
        try await produce(messages(events.sorted { $0.at < $1.at }, to: inTime))
        let raw = try await rawConsumerRate(topic: byCase, count: events.count)
        let ingest = try await statisticsConsumerRate(topic: byCase, count: events.count, cases: cases)
        let replay = try await statisticsConsumerRate(topic: inTime, count: events.count, cases: cases)
        return Ingest(events: events.count, cases: cases, raw: raw, ingest: ingest, replay: replay)
    }

    private func produce(_ messages: [KafkaOutgoingMessage]) async throws {
        let producer = try KafkaProducer(configuration: .init(bootstrapServers: brokers, clientID: "bench-statistics"), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [producer], logger: logger))
        let task = Task { try await group.run() }
        var sent = 0
        while sent < messages.count {
            let batch = Array(messages[sent..<min(sent + 1_000, messages.count)])
            for result in await producer.send(batch) { _ = try result.get() }
            sent += batch.count
        }
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    /// The messaging layer alone on the same records: a consumer whose handler only counts, from the
    /// first record handed to it to the last.
    private func rawConsumerRate(topic: Topic, count: Int) async throws -> Rate {
        let consumed = Atomic<Int>(0)
        let times = Mutex<(first: ContinuousClock.Instant?, last: ContinuousClock.Instant?)>((nil, nil))
        let consumer = try KafkaConsumer(
            configuration: .init(bootstrapServers: brokers, groupID: "bench-raw-\(topic.name)", topics: [topic.name]), logger: logger
        ) { _ in
            let now = ContinuousClock.now
            let n = consumed.add(1, ordering: .relaxed).newValue
            times.withLock {
                if $0.first == nil { $0.first = now }
                if n == count { $0.last = now }
            }
        }
        let group = ServiceGroup(configuration: .init(services: [consumer], logger: logger))
        let task = Task { try await group.run() }
        let deadline = ContinuousClock.now + .seconds(300)
        while consumed.load(ordering: .relaxed) < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        await group.triggerGracefulShutdown()
        _ = await task.result
        let (first, last) = times.withLock { $0 }
        guard let first, let last, count > 1 else { throw BenchError("the raw consumer read \(consumed.load(ordering: .relaxed)) of \(count)") }
        return Rate(count: count - 1, seconds: milliseconds(last - first) / 1000)
    }

    /// The filing service in-process with only its statistics consumer (its name, group, inbox and
    /// handlers as the service defines them), subscribed to the bench's topic instead of the shared
    /// appeals and policy topics; from the first applied event until all of them are.
    private func statisticsConsumerRate(topic: Topic, count: Int, cases: Int) async throws -> Rate {
        MetricsSetup.bootstrap()  // before the consumer's counters are made, so `applied` sees them
        var configuration = try ServiceConfiguration.forTest(.filing)
        configuration.logLevel = .error
        var definition = FilingService.definition
        let consumers = definition.consumers
        definition.consumers = { runtime in
            consumers(runtime).filter { $0.name.hasPrefix("filing-statistics.") }.map {
                var consumer = $0
                consumer.topics = [topic]
                // Settings to try, without a release build of the service each time.
                if let lanes = ProcessInfo.processInfo.environment["QINQING_BENCH_LANES"].flatMap(Int.init) { consumer.lanes = lanes }
                if let size = ProcessInfo.processInfo.environment["QINQING_BENCH_BATCH"].flatMap(Int.init) { consumer.maxBatchSize = size }
                return consumer
            }
        }
        definition.jobs = { _ in [] }
        let dependencies = try await ServiceApplication.prepare(definition, configuration: configuration, logger: logger)
        let pool = dependencies.pool
        let runtime = try FilingRuntime(dependencies: dependencies)
        guard definition.consumers(runtime).count == 1 else { throw BenchError("the filing service defines no filing-statistics consumer") }
        let app = try ServiceApplication.application(definition, runtime: runtime, dependencies: dependencies)
        let rate = try await app.test(.live) { _ in try await Self.applied(count: count) }
        let kept = try await pool.query(
            "SELECT (SELECT count(*) FROM stat_case_events)::bigint AS events, (SELECT count(*) FROM stat_cases)::bigint AS cases")[0]
        let (events, folded) = (Int(try kept.decode("events", as: Int64.self)), Int(try kept.decode("cases", as: Int64.self)))
        await pool.shutdown()
        guard events == count, folded == cases else { throw BenchError("the read models kept \(events) events and \(folded) cases of \(count) and \(cases)") }
        return rate
    }

    /// Watches the consumers' `qinqing_events_applied_total` (counted as each transaction commits, read
    /// from the process's metrics registry, so watching costs PostgreSQL nothing): the rate from the
    /// first time it moves until `count` more events are applied.
    static func applied(count: Int) async throws -> Rate {
        let deadline = ContinuousClock.now + .seconds(900)
        let before = appliedEvents()
        var start: (at: ContinuousClock.Instant, applied: Int)?
        while ContinuousClock.now < deadline {
            let applied = appliedEvents() - before
            let now = ContinuousClock.now
            if start == nil, applied > 0 { start = (now, applied) }
            if applied >= count, let start {
                guard start.applied < count else { throw BenchError("all \(count) events were applied before the first look") }
                return Rate(count: count - start.applied, seconds: milliseconds(now - start.at) / 1000)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw BenchError("the statistics consumer did not apply \(count) events in 900 s")
    }

    /// The sum of `qinqing_events_applied_total` over the process's consumers.
    static func appliedEvents() -> Int {
        var text: [UInt8] = []
        MetricsSetup.registry.emit(into: &text)
        return String(decoding: text, as: UTF8.self).split(separator: "\n").reduce(0) { sum, line in
            guard line.hasPrefix("qinqing_events_applied_total{"), let value = line.split(separator: " ").last.flatMap({ Double($0) }) else {
                return sum
            }
            return sum + Int(value)
        }
    }

    enum Move {
        case submitted, dispatched, signed, overdue, escalated, replied
        case rated(solved: Bool, satisfied: Bool)
    }

    /// `cases` appeals and complaints of the last 60 days, five events each, as the appeals service
    /// publishes them: submitted, dispatched, signed (one in seven late), then replied and rated, or
    /// (one in ten) overdue in the reply step and escalated.
    static func caseEvents(cases: Int) throws -> [(at: Date, envelope: EventEnvelope)] {
        let hour = 3600.0, day = 86400.0
        let start = Date().addingTimeInterval(-60 * day)
        let unitIDs = units.map { _ in UUID() }
        var envelopes: [(at: Date, envelope: EventEnvelope)] = []
        envelopes.reserveCapacity(cases * 5)
        for n in 0..<cases {
            let id = UUID(), enterprise = UUID(), kind: CaseFacts.Kind = n % 4 == 3 ? .complaint : .appeal
            let submitted = start.addingTimeInterval(Double(n) * 50 * day / Double(cases))
            let dispatched = submitted + 2 * hour, signed = submitted + (n % 7 == 0 ? 30 : 4) * hour, replied = signed + 3 * day
            func facts(_ status: String, _ step: String?, _ due: Date?, lead: Bool = true) -> CaseFacts {
                CaseFacts(
                    id: id, kind: kind, serialNumber: (kind == .appeal ? "SQ" : "TS") + String(format: "BENCH%07d", n), title: "统计基准诉求 \(n)",
                    enterpriseID: enterprise, enterpriseName: "基准企业\(n % 5000)", region: "4104\(n % 2 == 0 ? "02" : "22")",
                    category: kind == .appeal ? "policyNotImplemented" : "inaction", status: status, unitID: lead ? unitIDs[n % units.count] : nil,
                    unitName: lead ? units[n % units.count] : nil, liaisonOfficialID: nil, step: step, dueAt: due, submittedAt: submitted,
                    closedAt: nil)
            }
            var course: [(Move, CaseFacts, Date)] = [
                (.submitted, facts("reviewing", "review", submitted + day, lead: false), submitted),
                (.dispatched, facts("signing", "sign", dispatched + day), dispatched),
                (.signed, facts("inProgress", "reply", signed + 7 * day), signed),
            ]
            if n % 10 == 9 {
                course += [
                    (.overdue, facts("inProgress", "reply", signed + 7 * day), signed + 7 * day),
                    (.escalated, facts("inProgress", "reply", signed + 7 * day), signed + 8 * day),
                ]
            } else {
                course += [
                    (.replied, facts("replied", "rate", replied + 7 * day), replied),
                    (.rated(solved: n % 5 != 0, satisfied: n % 6 != 0), facts("awaitingClosure", nil, nil), replied + day),
                ]
            }
            for (move, item, at) in course {
                let transition = TransitionFacts(
                    actorID: nil, actorRole: "system", actorUnitID: nil, fromStatus: nil, toStatus: item.status, note: nil, at: at)
                envelopes.append((at, try EventEnvelope(event(move, kind, item, transition), producer: .appeals)))
            }
        }
        return envelopes
    }

    static func event(_ move: Move, _ kind: CaseFacts.Kind, _ item: CaseFacts, _ transition: TransitionFacts) -> any DomainEvent {
        let appeal = kind == .appeal
        switch move {
        case .submitted:
            return appeal ? AppealSubmitted(item: item, transition: transition) : ComplaintSubmitted(item: item, transition: transition)
        case .dispatched:
            return appeal
                ? AppealDispatched(item: item, transition: transition, previousUnitID: nil, reason: nil)
                : ComplaintDispatched(item: item, transition: transition, previousUnitID: nil, reason: nil)
        case .signed:
            return appeal ? AppealSigned(item: item, transition: transition) : ComplaintSigned(item: item, transition: transition)
        case .overdue:
            return appeal ? AppealOverdue(item: item, transition: transition) : ComplaintOverdue(item: item, transition: transition)
        case .escalated:
            return appeal
                ? AppealEscalated(item: item, transition: transition, escalationID: UUID(), note: "督办")
                : ComplaintEscalated(item: item, transition: transition, escalationID: UUID(), note: "督办")
        case .replied:
            return appeal
                ? AppealReplied(item: item, transition: transition, handlerName: "张三", content: "已答复")
                : ComplaintReplied(item: item, transition: transition, handlerName: "张三", content: "已答复")
        case .rated(let solved, let satisfied):
            return appeal
                ? AppealRated(item: item, transition: transition, solved: solved, satisfied: satisfied)
                : ComplaintRated(item: item, transition: transition, solved: solved, satisfied: satisfied)
        }
    }
}

extension StatisticsBench {
    static func markdown(_ reports: Reports, _ ingest: Ingest) -> String {
        func ms(_ value: Double) -> String { String(format: "%.1f", value) }
        func ratio(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.0f", value) }
        func met(_ ok: Bool) -> String { ok ? "met" : "**not met**" }
        let base = reports.baseline
        var table = """

            Statistics read models seeded by SQL with \(reports.events) case events of \(reports.cases) cases over 12 months, 20 units \
            (+ VACUUM ANALYZE: \(String(format: "%.1f", reports.seedSeconds)) s); reports of \(reports.month) read over HTTP as an \
            inspector: the first request, then the median and slowest of \(base.repeats) more (PostgreSQL `jit` \(reports.jit)).

            | statistics measure | count | time / rate | ratio | target |
            |---|---:|---:|---|---|
            | the seed's folded rows against the service's own fold (`POST /statistics/rebuild`, \(reports.sampleCases) sample cases) \
            | \(reports.sampleCases) | rebuild \(String(format: "%.2f", reports.sampleRebuildSeconds)) s | \(reports.sampleDiffering) cases differ | 0 |
            | `\(base.label)` (a scan of the raw events) | \(reports.events) | \(ms(base.first)) / \(ms(base.median)) ms (max \(ms(base.max))) | baseline S | |

            """
        for request in reports.requests {
            table += """
                | \(request.label) | | \(ms(request.first)) / \(ms(request.median)) ms (max \(ms(request.max))) \
                | \(ratio(request.median / base.median)) × S | under 1 s: \(met(max(request.first, request.median) < 1000)) |

                """
        }
        table += ingestRows(ingest)
        for (label, statements) in reports.slow {
            table += "\n\nStatements seen running (pg_stat_activity) during one more \(label):\n"
            for (sql, ms) in statements.prefix(5) { table += "\n- \(String(format: "%.0f", ms)) ms: `\(sql)`" }
        }
        return table
    }

    /// The ingest rows alone, under their own header (`./dev bench statistics-ingest`).
    static func markdown(_ ingest: Ingest) -> String {
        """

        | statistics measure | count | time / rate | ratio | target |
        |---|---:|---:|---|---|
        \(ingestRows(ingest))
        """
    }

    static func ingestRows(_ ingest: Ingest) -> String {
        func met(_ ok: Bool) -> String { ok ? "met" : "**not met**" }
        let share = ingest.ingest.perSecond / ingest.raw.perSecond
        return """
            | raw consumer (messaging layer, counting handler), the same \(ingest.events) appeals events | \(ingest.events) \
            | \(String(format: "%.0f", ingest.raw.perSecond)) /s | baseline R | |
            | statistics consumer (stat_case_events + refold into stat_cases), \(ingest.cases) cases | \(ingest.events) \
            | \(String(format: "%.0f", ingest.ingest.perSecond)) /s | \(String(format: "%.3f", share)) × R | ≥ 0.3 × R: \(met(share >= 0.3)) |
            | the same, the events in the order they happened (a replay: cases' earlier events already kept) | \(ingest.events) \
            | \(String(format: "%.0f", ingest.replay.perSecond)) /s | \(String(format: "%.3f", ingest.replay.perSecond / ingest.raw.perSecond)) × R | |
            """
    }
}
