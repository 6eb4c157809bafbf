import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PolicyApp
import Postgres
import ServiceKit
import Synchronization
import TestSupport

/// The policy list (filters + a title keyword) over 100,000 published policies through HTTP with
/// several requests in flight, beside `/health/live` of the same service in the same run; and
/// subscription matching for one publication against 100,000 enterprises' subscriptions.
struct PolicyBench {
    let logger: Logger
    let tokens = TestTokens()
    static let regions = ["410400", "410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425", "410481"]
    static let types = ["finance", "industry", "innovation", "talent", "tax", "business"]
    static let uri = "/policies?keyword=%E8%A1%A5%E8%B4%B4&region=410402&policyType=finance&sort=issuedAt.desc&page=1&size=20"

    struct Result {
        var policies: Int
        var generateSeconds: Double
        var matching: Int
        var live: Rate
        var liveLatency: [Double]
        var list: Rate
        var listLatency: [Double]
        var plan: String
        var enterprises: Int
        var matchSeconds: Double
        var matched: Int
    }

    func run(policies: Int, enterprises: Int, requests: Int, workers: Int) async throws -> Result {
        var configuration = try ServiceConfiguration.forTest(.policy)
        configuration.logLevel = .error
        var dependencies = try await ServiceApplication.prepare(PolicyService.definition, configuration: configuration, logger: logger)
        dependencies.tokens = tokens.verifier()
        let deps = dependencies
        let unit = UUID()
        try await deps.pool.execute(
            "INSERT INTO units (unit_id, name, kind, parent_id, region) VALUES (\(unit), '平顶山市财政局', 'department', NULL, '410400')")
        let started = ContinuousClock.now
        try await Self.generatePolicies(policies, unit: unit, pool: deps.pool)
        let generateSeconds = milliseconds(ContinuousClock.now - started) / 1000
        let app = try ServiceApplication.application(PolicyService.definition, runtime: try PolicyRuntime(dependencies: deps), dependencies: deps)
        let result = try await app.test(.live) { client in
            try await ListBesideLive.measure(client, requests: requests, workers: workers) { try await Self.total(client) }
        }
        var explain: PostgresQuery = "EXPLAIN (ANALYZE, BUFFERS) "
        explain.append(
            """
            SELECT p.policy_id, p.title FROM policies p LEFT JOIN units u ON u.unit_id = p.agency_id
            WHERE p.status = 'published' AND p.search_keys @> ARRAY['补贴', 'r:410402', 't:finance']
              AND lower(p.title) LIKE ALL(ARRAY['%补贴%'])
            ORDER BY p.issued_at DESC, p.policy_id LIMIT 20
            """)
        let plan = try await deps.pool.query(explain).map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")

        // Matching: 100,000 approved enterprises, each with one subscription; a fifth of them match the publication.
        let rows = try await deps.pool.query(
            "SELECT policy_id, tags[1] AS tag FROM policies WHERE policy_type = 'finance' AND region = '410402' LIMIT 1")
        guard let row = rows.first else { throw BenchError("no finance policy in 410402") }
        let policy = try row.decode("policy_id", as: UUID.self)
        try await Self.generateSubscriptions(enterprises, unit: unit, tag: try row.decode("tag", as: String.self), pool: deps.pool)
        let matchStart = ContinuousClock.now
        let matched = try await PolicyService.matchSubscriptions(policyID: policy, dependencies: deps)
        let matchSeconds = milliseconds(ContinuousClock.now - matchStart) / 1000
        await deps.pool.shutdown()
        return Result(
            policies: policies, generateSeconds: generateSeconds, matching: result.matching, live: result.live, liveLatency: result.liveLatency,
            list: result.list, listLatency: result.listLatency, plan: plan, enterprises: enterprises, matchSeconds: matchSeconds, matched: matched)
    }

    static func total(_ client: some TestClientProtocol) async throws -> Int {
        let response = try await client.execute(uri: uri, method: .get)
        guard response.status == .ok else { throw BenchError("list answered \(response.status): \(String(buffer: response.body))") }
        let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        guard let total = body?["total"] as? Int else { throw BenchError("list without total") }
        return total
    }

    /// Titles from a vocabulary (补贴 in about one in eight), ten regions, six types, three years of issue times.
    static func generatePolicies(_ count: Int, unit: UUID, pool: PostgresPool) async throws {
        let heads = "ARRAY['关于','平顶山市','关于印发','关于转发','叶县','河南省']"
        let topics = "ARRAY['制造业高质量发展','技术改造补贴','中小微企业融资','人才引进','税收优惠','营商环境优化','信易贷','创业担保贷款']"
        let tails = "ARRAY['的通知','实施细则','管理办法','若干措施','工作方案']"
        let regionList = "ARRAY[" + regions.map { "'\($0)'" }.joined(separator: ",") + "]"
        let typeList = "ARRAY[" + types.map { "'\($0)'" }.joined(separator: ",") + "]"
        let chunk = 20_000
        var from = 1
        while from <= count {
            let to = min(count, from + chunk - 1)
            try await pool.execute(
                """
                INSERT INTO policies (policy_id, status, review_state, version, title, document_number, agency_id, region, issued_at,
                    published_at, first_published_at, policy_type, subsidy_type, tags, body, search_keys, hours_to_publish, late,
                    created_by, created_at, updated_at)
                SELECT gen_random_uuid(), 'published', 'none', 1, t.title, '平财〔2026〕' || g || '号', \(unit),
                    (\(unescaped: regionList))[1 + g % 10], now() - (g * 947 || ' seconds')::interval,
                    now() - (g * 947 - 3600 || ' seconds')::interval, now() - (g * 947 - 3600 || ' seconds')::interval,
                    (\(unescaped: typeList))[1 + (g / 10) % 6], NULL,
                    CASE WHEN g % 3 = 0 THEN ARRAY['制造业'] ELSE ARRAY['商贸'] END, '<p>正文</p>',
                    ARRAY(SELECT DISTINCT x FROM generate_series(1, char_length(t.title)) AS i,
                          LATERAL (VALUES (substr(t.title, i, 1)), (CASE WHEN i < char_length(t.title) THEN substr(t.title, i, 2) END)) AS v (x)
                          WHERE x IS NOT NULL)
                      || ARRAY['r:' || (\(unescaped: regionList))[1 + g % 10], 'a:' || \(unit.uuidString.lowercased())::text,
                               't:' || (\(unescaped: typeList))[1 + (g / 10) % 6],
                               CASE WHEN g % 3 = 0 THEN 'g:制造业' ELSE 'g:商贸' END],
                    1.00, false, \(unit), now(), now()
                FROM generate_series(\(from), \(to)) AS g,
                     LATERAL (SELECT (\(unescaped: heads))[1 + g % 6] || (\(unescaped: topics))[1 + (g / 7) % 8]
                                     || (\(unescaped: tails))[1 + (g / 3) % 5] || '（' || g || '）' AS title) AS t
                """)
            from = to + 1
        }
        try await pool.execute("ANALYZE policies")
    }

    /// One subscription each: by tag, policy type, agency or region, in turn; about a fifth match the bench's publication.
    static func generateSubscriptions(_ count: Int, unit: UUID, tag: String, pool: PostgresPool) async throws {
        try await pool.execute(
            """
            INSERT INTO enterprises (enterprise_id, name, region, industry, tags, status, updated_at)
            SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, '企业' || g, '410402', 'C',
                   CASE WHEN g % 8 = 0 THEN ARRAY[\(tag)::text] ELSE ARRAY['软件'] END, 'approved', now()
            FROM generate_series(1, \(count)) AS g
            """)
        try await pool.execute(
            """
            INSERT INTO subscriptions (subscription_id, enterprise_id, enterprise_tags, policy_types, agency_ids, regions, sms, created_by, created_at)
            SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
                   CASE WHEN g % 4 = 0 THEN ARRAY[\(tag)::text] ELSE '{}' END,
                   CASE WHEN g % 4 = 1 THEN ARRAY[CASE WHEN g % 5 = 1 THEN 'finance' ELSE 'tax' END] ELSE '{}' END,
                   CASE WHEN g % 4 = 2 THEN ARRAY[CASE WHEN g % 5 = 2 THEN \(unit) ELSE gen_random_uuid() END] ELSE '{}' END,
                   CASE WHEN g % 4 = 3 THEN ARRAY[CASE WHEN g % 5 = 3 THEN '410402' ELSE '410403' END] ELSE '{}' END,
                   g % 10 = 0, gen_random_uuid(), now()
            FROM generate_series(1, \(count)) AS g
            """)
        try await pool.execute("ANALYZE enterprises")
        try await pool.execute("ANALYZE subscriptions")
    }
}
