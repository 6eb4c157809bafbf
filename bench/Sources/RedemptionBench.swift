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

/// 政策兑现 application submission through HTTP (the published item is read, its window checked
/// against Beijing's date, the two materials checked against its list and the applicant's uploaded
/// files, then the application row, its stage history, audit and an outbox event in one transaction),
/// with several requests in flight, beside raw insert transactions measured in the same run.
struct RedemptionBench {
    let logger: Logger
    let tokens = TestTokens()
    /// Enterprises with a member and two uploaded files each (more when the run needs them): one open
    /// application per enterprise and item is allowed, so every submission of the run is a new enterprise's.
    static let enterprises = 2_000
    static let warmup = 10
    static let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)

    struct Measured {
        var rate: Rate
        var latency: Latency
        var workers: Int
    }

    /// One enterprise's member: its token and its request body naming its own two files.
    struct Applicant: Sendable {
        var bearer: String
        var body: ByteBuffer
    }

    /// An enterprise, its member's account and the member's two files.
    struct Seeded {
        var enterprise = UUID()
        var account = UUID()
        var form = UUID()
        var audit = UUID()
    }

    /// `count` submissions per worker setting, `workers` requests in flight, each by a new enterprise.
    func submissions(count: Int, workers: [Int]) async throws -> [Measured] {
        var configuration = try ServiceConfiguration.forTest(.policy)
        configuration.logLevel = .error
        var dependencies = try await ServiceApplication.prepare(PolicyService.definition, configuration: configuration, logger: logger)
        dependencies.tokens = tokens.verifier()
        let deps = dependencies
        let now = Date()
        let unit = UUID()
        let policy = UUID()
        let item = UUID()
        try await deps.pool.execute(
            "INSERT INTO units (unit_id, name, kind, parent_id, region) VALUES (\(unit), '平顶山市工业和信息化局', 'department', NULL, '410400')")
        try await deps.pool.execute(
            """
            INSERT INTO policies (policy_id, status, review_state, version, title, document_number, agency_id, region, issued_at,
                published_at, first_published_at, policy_type, subsidy_type, tags, body, search_keys, hours_to_publish, late,
                has_redemption, created_by, created_at, updated_at)
            VALUES (\(policy), 'published', 'none', 1, '关于推动建筑业企业科技创新的若干措施', '平工信〔2026〕1号', \(unit), '410400',
                now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', 'innovation', NULL, ARRAY['制造业'],
                '<p>正文</p>', ARRAY['r:410400', 'a:' || \(unit.uuidString.lowercased())::text, 't:innovation', 'g:制造业'], 24.00, false,
                true, \(UUID()), now(), now())
            """)
        try await deps.pool.execute(
            """
            INSERT INTO redemption_items (item_id, policy_id, project, title, region, policy_types, support_kind, amount_figure, amount_text,
                processing_days, applicant_kind, on_site_visits, phone, window_from, window_to, description, guide, materials, unit_id,
                status, drafted_by, reviewed_by, created_at, updated_at, published_at)
            VALUES (\(item), \(policy), '企业研发费用补助', '2026年度企业研发费用补助', '410400', ARRAY['innovation'], '资金补助',
                300000.00, NULL, 15, 'enterprise', 0, '0375-2661234', current_date - 30, current_date + 30, '对研发投入的企业给予补助',
                '提交申请表和审计报告', '[{"name":"申请表","required":true,"fileTypes":["pdf"]},{"name":"审计报告","required":true,"fileTypes":["pdf"]}]'::jsonb,
                \(unit), 'published', \(UUID()), \(UUID()), \(now), \(now), \(now))
            """)

        // The enterprises' members and their files (申请表, 审计报告), inserted as the upload route would.
        let needed = Self.warmup + count * workers.count
        let seeded = (0..<max(Self.enterprises, needed)).map { _ in Seeded() }
        try await deps.pool.execute(
            """
            INSERT INTO application_files (id, uploaded_by, enterprise_id, file_name, content_type, size, sha256, data, created_at)
            SELECT f.id, f.account, f.enterprise, f.name, 'application/pdf', \(Self.pdf.count), \(AttachmentIntake.sha256(Self.pdf)),
                \(Self.pdf), \(now)
            FROM unnest(\(seeded.map(\.form) + seeded.map(\.audit))::uuid[], \(seeded.map(\.account) + seeded.map(\.account))::uuid[],
                        \(seeded.map(\.enterprise) + seeded.map(\.enterprise))::uuid[],
                        \(Array(repeating: "申请表.pdf", count: seeded.count) + Array(repeating: "审计报告.pdf", count: seeded.count))::text[])
                AS f (id, account, enterprise, name)
            """)
        try await deps.pool.execute("ANALYZE application_files")
        var applicants: [Applicant] = []
        for (n, entry) in seeded.enumerated() {
            let claims = AccessClaims(
                accountID: entry.account, accountKind: .person,
                membership: .init(enterpriseID: entry.enterprise, uscc: String(format: "91410400BENCH%05d", n), role: .member))
            let body: [String: Any] = [
                "materials": [["name": "申请表", "fileID": entry.form.uuidString], ["name": "审计报告", "fileID": entry.audit.uuidString]]
            ]
            applicants.append(
                Applicant(bearer: try await tokens.bearer(claims), body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))))
        }
        let applicantList = applicants
        let uri = "/redemption-items/\(item.uuidString.lowercased())/applications"
        let app = try ServiceApplication.application(PolicyService.definition, runtime: try PolicyRuntime(dependencies: deps), dependencies: deps)
        let results = try await app.test(.live) { client in
            for n in 0..<Self.warmup { try await Self.submit(client, uri: uri, applicant: applicantList[n]) }
            var results: [Measured] = []
            var base = Self.warmup
            for concurrency in workers {
                let latencies = Mutex<[Double]>([])
                let offset = base
                let rate = try await timedConcurrently(count: count, workers: concurrency) { n in
                    let started = ContinuousClock.now
                    try await Self.submit(client, uri: uri, applicant: applicantList[offset + n])
                    latencies.withLock { $0.append(milliseconds(ContinuousClock.now - started)) }
                }
                base += count
                results.append(Measured(rate: rate, latency: .of(latencies.withLock { $0 }), workers: concurrency))
            }
            return results
        }
        let applications = try await deps.pool.query("SELECT count(*) AS n FROM redemption_applications")[0].decode("n", as: Int.self)
        let events = try await deps.pool.query(
            "SELECT count(*) AS n FROM outbox WHERE event_type = 'qinqing.policy.redemption-application.submitted.v1'"
        )[0].decode("n", as: Int.self)
        await deps.pool.shutdown()
        guard applications == needed else { throw BenchError("expected \(needed) applications, found \(applications)") }
        guard events == needed else { throw BenchError("expected \(needed) submitted events, found \(events)") }
        return results
    }

    static let listURI = "/redemption-items?keyword=%E5%A5%96%E8%A1%A5&openNow=true&region=410401"

    /// The public item list (keyword 奖补, region, window open today, newest first) over `items`
    /// published items, `workers` requests in flight, beside `/health/live` of the same service.
    func itemList(items: Int, requests: Int, workers: Int, cache: Duration) async throws -> (items: Int, result: ListBesideLive) {
        var configuration = try ServiceConfiguration.forTest(.policy)
        configuration.logLevel = .error
        configuration.publicListCacheLifetime = cache
        var dependencies = try await ServiceApplication.prepare(PolicyService.definition, configuration: configuration, logger: logger)
        dependencies.tokens = tokens.verifier()
        let deps = dependencies
        let unit = UUID()
        let policy = UUID()
        try await deps.pool.execute(
            "INSERT INTO units (unit_id, name, kind, parent_id, region) VALUES (\(unit), '平顶山市工业和信息化局', 'department', NULL, '410400')")
        try await deps.pool.execute(
            """
            INSERT INTO policies (policy_id, status, review_state, version, title, document_number, agency_id, region, issued_at,
                published_at, first_published_at, policy_type, subsidy_type, tags, body, search_keys, hours_to_publish, late,
                has_redemption, created_by, created_at, updated_at)
            VALUES (\(policy), 'published', 'none', 1, '关于推动建筑业企业科技创新的若干措施', '平工信〔2026〕1号', \(unit), '410400',
                now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', 'innovation', NULL, ARRAY['制造业'],
                '<p>正文</p>', ARRAY['r:410400'], 24.00, false, true, \(UUID()), now(), now())
            """)
        // Titles from a vocabulary (奖补 in one in four), ten regions, windows opening up to two months ago and lasting up to four months.
        try await deps.pool.execute(
            """
            INSERT INTO redemption_items (item_id, policy_id, project, title, region, policy_types, support_kind, amount_figure, amount_text,
                processing_days, applicant_kind, on_site_visits, phone, window_from, window_to, description, guide, materials, unit_id,
                status, drafted_by, reviewed_by, created_at, updated_at, published_at)
            SELECT gen_random_uuid(), \(policy), (ARRAY['科技创新项目','技术改造项目','人才引进项目','融资担保项目'])[1 + n % 4] || n,
                (ARRAY['研发投入奖补','设备购置补助','人才安家补贴','贷款贴息'])[1 + n % 4] || n,
                '4104' || lpad((1 + n % 10)::text, 2, '0'), ARRAY['innovation'], '资金扶持', 100000.00, NULL, 15, 'enterprise', 0, '0375-2661234',
                current_date - (n % 60), current_date - (n % 60) + (n % 120), '说明', '<p>指南</p>', '[]'::jsonb, \(unit), 'published',
                \(UUID()), \(UUID()), now(), now(), now() - make_interval(secs => n)
            FROM generate_series(1, \(items)::int) AS n
            """)
        try await deps.pool.execute("ANALYZE redemption_items")
        let app = try ServiceApplication.application(PolicyService.definition, runtime: try PolicyRuntime(dependencies: deps), dependencies: deps)
        let result = try await app.test(.live) { client in
            try await ListBesideLive.measure(client, requests: requests, workers: workers) { try await Self.listTotal(client) }
        }
        await deps.pool.shutdown()
        guard result.matching > 0 else { throw BenchError("the list matched nothing") }
        return (items, result)
    }

    static func listTotal(_ client: some TestClientProtocol) async throws -> Int {
        let response = try await client.execute(uri: listURI, method: .get)
        guard response.status == .ok else { throw BenchError("list answered \(response.status): \(String(buffer: response.body))") }
        let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        guard let total = body?["total"] as? Int else { throw BenchError("list without total") }
        return total
    }

    /// One enterprise's application with its two materials.
    static func submit(_ client: some TestClientProtocol, uri: String, applicant: Applicant) async throws {
        let response = try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/json", .authorization: applicant.bearer], body: applicant.body)
        guard response.status == .created else {
            throw BenchError("application answered \(response.status): \(String(buffer: response.body))")
        }
    }
}
