import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
@testable import Postgres
import ServiceKit
import Testing

@Suite("Notifications audit trail")
struct AuditTests {
    static let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
    static let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("an admin's change leaves a row in the trail; the chain verifies; an altered row is named by brokenAt; only platform admins read it")
    func trail() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        var headers = try await fixture.bearer(Self.admin)
        headers[.contentType] = "application/json"
        let adminHeaders = headers
        let inspectorHeaders = try await fixture.bearer(Self.inspector)
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/admin/settings", method: .put, headers: adminHeaders,
                body: ByteBuffer(string: #"{"values":{"sms_per_hour":"7","quiet_start":"23:00"}}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/admin/audit?subjectKind=setting", method: .get, headers: adminHeaders) { response in
                #expect(response.status == .ok)
                let page = try Self.json(response)
                #expect(page["total"] as? Int == 2)
                let items = page["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["subjectID"] as? String } == ["sms_per_hour", "quiet_start"])
                #expect(items.allSatisfy { $0["action"] as? String == "setting.changed" })
                #expect(items.allSatisfy { $0["actorRole"] as? String == "platformAdmin" })
                #expect(items.first?["actorID"] as? String == Self.admin.accountID.uuidString)
            }
            try await client.execute(uri: "/admin/audit/verification", method: .get, headers: adminHeaders) { response in
                let verification = try Self.json(response)
                #expect(verification["valid"] as? Bool == true)
                #expect(verification["rows"] as? Int == 2)
            }
            try await client.execute(uri: "/admin/audit", method: .get, headers: inspectorHeaders) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/admin/audit/verification", method: .get) { response in
                #expect(response.status == .unauthorized)
            }

            try await fixture.pool.execute("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_immutable")
            try await fixture.pool.execute("UPDATE audit_trail SET subject_id = 'signature' WHERE seq = 2")
            try await client.execute(uri: "/admin/audit/verification", method: .get, headers: adminHeaders) { response in
                let verification = try Self.json(response)
                #expect(verification["valid"] as? Bool == false)
                #expect(verification["brokenAt"] as? Int == 2)
            }
        }
    }

    @Test("the migration moves the old audit_log rows into the trail in their order, with a subject kind from the action, and drops audit_log")
    func migration() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let actor = UUID()
        try await fixture.pool.execute(
            "CREATE TABLE audit_log (id bigserial PRIMARY KEY, actor uuid, action text NOT NULL, target text NOT NULL, at timestamptz NOT NULL DEFAULT now())")
        try await fixture.pool.execute(
            """
            INSERT INTO audit_log (actor, action, target, at) VALUES
                (\(actor), 'rule.saved', 'membership_expiring.member', now() - interval '2 hours'),
                (\(actor), 'event_type.saved', 'qinqing.policy.published.v1', now() - interval '1 hour'),
                (NULL, 'sms.resend', '42', now())
            """)
        let directory = try #require(NotificationsService.definition.bundle.url(forResource: "Migrations", withExtension: nil))
        let sql = try String(contentsOf: directory.appendingPathComponent("0008_audit_trail.sql"), encoding: .utf8)
        _ = try await fixture.pool.withConnection { try await $0.runScript(sql, cancellable: false) }
        let rows = try await fixture.pool.query(
            "SELECT seq, actor_id, actor_role, action, subject_kind, subject_id FROM audit_trail ORDER BY seq")
        #expect(try rows.map { try $0.decode("subject_kind", as: String.self) } == ["rule", "eventType", "sms"])
        #expect(try rows.map { try $0.decode("subject_id", as: String.self) } == ["membership_expiring.member", "qinqing.policy.published.v1", "42"])
        #expect(try rows.map { try $0.decode("actor_role", as: String.self) } == ["platformAdmin", "platformAdmin", ""])
        #expect(try rows.first?.decode("actor_id", as: UUID?.self) == actor)
        #expect(try await fixture.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit_log' AND table_schema = current_schema()") == 0)
        #expect(try await AuditTrail.verify(pool: fixture.pool).valid)
    }
}
