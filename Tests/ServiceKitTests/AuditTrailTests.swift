import Foundation
import Logging
import Postgres
import ServiceKit
import Testing
import TestSupport

@Suite("The audit trail every service keeps")
struct AuditTrailTests {
    static func schemaWithTrail() async throws -> PostgresPool {
        let logger = Logger(label: "audit-test") { _ in SwiftLogNoOpLogHandler() }
        let schema = TestEnvironment.uniqueName("audit")
        let url = try TestEnvironment.postgresURL()
        let admin = PostgresPool(configuration: .init(url: url, poolSize: 1), logger: logger)
        try await admin.execute("CREATE SCHEMA \(identifier: schema)")
        await admin.shutdown()
        let pool = PostgresPool(configuration: .init(url: url, poolSize: 4, searchPath: schema), logger: logger)
        try await MigrationRunner(pool: pool, schema: schema, logger: logger)
            .apply(component: AuditMigrations.component, migrations: AuditMigrations.load())
        return pool
    }

    static func entry(_ n: Int, actor: UUID = UUID()) -> AuditEntry {
        AuditEntry(
            action: "category.updated", subjectKind: "category", subjectID: "C\(n)", actorID: actor, actorRole: "platformAdmin",
            detail: ["before": .object(["name": .string("旧名称\(n)")]), "after": .object(["name": .string("新名称\(n)")])])
    }

    @Test("entries written in a transaction that rolls back leave no row; concurrent appends chain in order and verify")
    func appendAndVerify() async throws {
        let pool = try await Self.schemaWithTrail()
        await #expect(throws: CancellationError.self) {
            try await pool.withTransaction { connection in
                try await AuditTrail.append(Self.entry(0), on: connection)
                throw CancellationError()
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...20 {
                group.addTask { _ = try await pool.withTransaction { try await AuditTrail.append(Self.entry(n), on: $0) } }
            }
            try await group.waitForAll()
        }
        let verification = try await AuditTrail.verify(pool: pool)
        #expect(verification == AuditVerification(rows: 20, valid: true, brokenAt: nil))

        let page = try await pool.withConnection {
            try await AuditTrail.page(subjectKind: "category", paging: Paging(page: 1, size: 5), on: $0)
        }
        #expect(page.total == 20)
        #expect(page.items.map(\.seq) == [20, 19, 18, 17, 16])
        #expect(page.items.first?.detail["after"] != nil)
        await pool.shutdown()
    }

    @Test("rows cannot be changed through SQL; an altered or removed row is named by the verification")
    func tamperingIsNamed() async throws {
        let pool = try await Self.schemaWithTrail()
        for n in 1...6 {
            _ = try await pool.withTransaction { try await AuditTrail.append(Self.entry(n), on: $0) }
        }
        await #expect(throws: PostgresError.self) {
            try await pool.execute("UPDATE audit_trail SET detail = '{}' WHERE seq = 3")
        }
        // Someone with the power to switch the guard off alters row 4, then removes row 2.
        try await pool.execute("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_immutable")
        try await pool.execute(
            """
            UPDATE audit_trail SET detail = jsonb_set(detail, '{after,name}', '"篡改"') WHERE seq = 4
            """)
        var verification = try await AuditTrail.verify(pool: pool)
        #expect(verification.valid == false)
        #expect(verification.brokenAt == 4)
        try await pool.execute("DELETE FROM audit_trail WHERE seq = 2")
        verification = try await AuditTrail.verify(pool: pool)
        #expect(verification.brokenAt == 3)
        #expect(verification.rows == 5)
        await pool.shutdown()
    }
}
