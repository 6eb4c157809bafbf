import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Fan-out")
struct FanOutTests {
    @Test("one event addressed to 100,000 enterprises produces 100,000 in-site messages, none lost or doubled on redelivery")
    func hundredThousand() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let enterprises = 100_000
        try await fixture.pool.execute(
            """
            INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, approved)
            SELECT gen_random_uuid(), lpad(n::text, 18, '9'), '企业' || n, '410402', 'C', true
            FROM generate_series(1, \(enterprises)) AS n
            """)
        // A policy rule added as data: an event type (registered by migration 0014 since issue 12; this
        // flat payload stands for any broadcast), a template and a rule row.
        try await fixture.pool.execute(
            """
            INSERT INTO event_types (event_type, description, fields)
            VALUES ('qinqing.policy.policy.published.v1', 'A policy was published', '{policyID,title,publishedAt}')
            ON CONFLICT (event_type) DO UPDATE SET fields = event_types.fields || '{policyID,title,publishedAt}'
            """)
        try await fixture.pool.execute(
            """
            INSERT INTO templates (code, category, title, body)
            VALUES ('policy_published', 'policy', '新政策发布', '新政策《{title}》已发布，详情：{link}')
            """)
        try await fixture.pool.execute(
            """
            INSERT INTO rules (rule_id, event_type, recipients, channels, template_code, bindings)
            VALUES ('policy_published.all', 'qinqing.policy.policy.published.v1', 'all_enterprises', '{inbox}',
                    'policy_published', '{"title": "title", "link": "link:/policies/{policyID}"}')
            """)
        let policyID = UUID().uuidString.lowercased()
        let envelope = try NotificationsFixture.envelope(
            type: "qinqing.policy.policy.published.v1", topic: .policy, source: .policy, subject: policyID,
            payload: ["policyID": policyID, "title": "平顶山市支持中小企业发展十条措施", "publishedAt": "2026-11-21T08:00:00.000Z"])

        let started = ContinuousClock.now
        #expect(try await fixture.deliver(envelope))
        let elapsed = ContinuousClock.now - started
        print("fan-out: \(enterprises) in-site messages in \(elapsed)")

        #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == enterprises)
        #expect(try await fixture.count(
            """
            SELECT count(*) FROM enterprises e
            WHERE NOT EXISTS (SELECT 1 FROM inbox_messages m WHERE m.recipient_kind = 'enterprise' AND m.recipient_id = e.enterprise_id)
            """) == 0)
        let body = try await fixture.strings("SELECT DISTINCT body FROM inbox_messages WHERE event_id = \(envelope.id)")
        #expect(body == ["新政策《平顶山市支持中小企业发展十条措施》已发布，详情：https://qinqing.pds.gov.cn/policies/\(policyID)"])

        #expect(try await fixture.deliver(envelope) == false)
        try await fixture.applyBypassingInbox(envelope)
        #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == enterprises)
        #expect(try await fixture.count(
            "SELECT count(*) FROM (SELECT recipient_id FROM inbox_messages GROUP BY recipient_id HAVING count(*) > 1) d") == 0)
    }
}
