import Foundation
@testable import IdentityApp
@testable import Postgres
import ServiceKit
import Testing

@Suite("Identity's audit_log moves into the shared audit trail")
struct AuditMigrationTests {
    @Test("migration 0007 re-chains the old rows in seq order with their detail and client address, then drops audit_log")
    func movesOldRows() async throws {
        try await IdentityHarness.run { _, harness in
            let actor = UUID()
            try await harness.pool.execute(
                """
                CREATE TABLE audit_log (
                    seq bigint PRIMARY KEY, at_ms bigint NOT NULL, action text NOT NULL, actor_id uuid, subject text NOT NULL,
                    detail text NOT NULL, client_ip text NOT NULL, prev_hash bytea NOT NULL, hash bytea NOT NULL)
                """)
            try await harness.pool.execute(
                """
                INSERT INTO audit_log VALUES
                    (2, 1767225600500, 'membership.granted', \(actor), 'membership:m1', 'role=admin', '10.0.0.2', '\\x00', '\\x00'),
                    (1, 1767225600000, 'sign-in.failed', NULL, 'username:wang', '', '10.0.0.1', '\\x00', '\\x00')
                """)
            let directory = try #require(IdentityService.definition.bundle.url(forResource: "Migrations", withExtension: nil))
            let sql = try String(contentsOf: directory.appendingPathComponent("0007_audit_trail.sql"), encoding: .utf8)
            try await harness.pool.withConnection { _ = try await $0.runScript(sql, cancellable: false) }

            let rows = try await harness.pool.query(
                """
                SELECT seq, at, actor_id, actor_role, action, subject_kind, subject_id, detail->>'detail' AS detail,
                       detail->>'clientIP' AS client_ip
                FROM audit_trail ORDER BY seq
                """)
            #expect(rows.count == 2)
            #expect(try rows.map { try $0.decode("action", as: String.self) } == ["sign-in.failed", "membership.granted"])
            #expect(try rows.map { try $0.decode("subject_kind", as: String.self) } == ["sign-in", "membership"])
            #expect(try rows.map { try $0.decode("subject_id", as: String.self) } == ["username:wang", "membership:m1"])
            #expect(try rows.map { try $0.decode("client_ip", as: String.self) } == ["10.0.0.1", "10.0.0.2"])
            #expect(try rows[1].decode("detail", as: String.self) == "role=admin")
            #expect(try rows[1].decode("actor_id", as: UUID?.self) == actor)
            #expect(try rows[0].decode("actor_role", as: String.self) == "")
            #expect(try rows[1].decode("at", as: Date.self) == Date(timeIntervalSince1970: 1_767_225_600.5))
            #expect(try await harness.pool.query("SELECT to_regclass('audit_log') IS NULL AS gone")[0].decode("gone", as: Bool.self))
            #expect(try await AuditTrail.verify(pool: harness.pool).valid)
        }
    }
}
