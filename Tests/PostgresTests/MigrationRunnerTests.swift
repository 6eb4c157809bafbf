import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct MigrationRunnerTests {
    private static let migrations = [
        Migration(version: 1, name: "create_items", sql: "SELECT pg_sleep(0.2); CREATE TABLE items (id int PRIMARY KEY, label text);"),
        Migration(version: 2, name: "add_note", sql: "ALTER TABLE items ADD COLUMN note text;"),
        Migration(version: 3, name: "seed", sql: "INSERT INTO items VALUES (1, 'a', 'b');"),
    ]

    private func recorded(_ pool: PostgresPool, _ schema: String) async throws -> [String] {
        try await pool.query(
            "SELECT component, version, name FROM \(identifier: schema).schema_migrations ORDER BY component, version"
        ).map { row in
            "\(try row.decode("component", as: String.self))/\(try row.decode("version", as: Int.self))/\(try row.decode("name", as: String.self))"
        }
    }

    @Test func loadsNumberedFilesInOrder() throws {
        let loaded = try TestDatabase.withDirectory([
            "0002_second.sql": "SELECT 2;", "0001_first.sql": "SELECT 1;", "README.md": "ignored", "10_tenth.sql": "SELECT 10;",
        ]) { try MigrationRunner.load(directory: $0) }
        #expect(loaded.map(\.version) == [1, 2, 10])
        #expect(loaded.map(\.name) == ["first", "second", "tenth"])
        #expect(loaded[0].sql == "SELECT 1;")
    }

    @Test func rejectsBadNamesAndDuplicates() throws {
        let badName = #expect(throws: PostgresError.self) {
            try TestDatabase.withDirectory(["create_items.sql": ""]) { try MigrationRunner.load(directory: $0) }
        }
        #expect(badName?.code == .invalidMigration)
        #expect(badName?.description.contains("create_items.sql") == true)
        let duplicate = #expect(throws: PostgresError.self) {
            try TestDatabase.withDirectory(["0001_a.sql": "", "001_b.sql": ""]) { try MigrationRunner.load(directory: $0) }
        }
        #expect(duplicate?.code == .invalidMigration)
        #expect(duplicate?.description.contains("0001_a") == true)
        #expect(throws: PostgresError.self) {
            try MigrationRunner.load(directory: URL(fileURLWithPath: "/nonexistent/migrations"))
        }
    }

    @Test func appliesInOrderRecordsAndSecondRunIsANoOp() async throws {
        try await TestDatabase.withSchema("mig_order") { pool, schema in
            let runner = MigrationRunner(pool: pool, schema: schema, logger: TestDatabase.logger)
            try await runner.apply(component: "service", migrations: Self.migrations.reversed())
            #expect(try await recorded(pool, schema) == ["service/1/create_items", "service/2/add_note", "service/3/seed"])
            let row = try await pool.query("SELECT label, note FROM \(identifier: schema).items")[0]
            #expect(try row.decode("note", as: String.self) == "b")
            let firstApplied = try await pool.query(
                "SELECT max(applied_at) AS at FROM \(identifier: schema).schema_migrations")[0].decode("at", as: Date.self)

            // Re-running would fail on the seed's duplicate key if anything were re-applied.
            try await runner.apply(component: "service", migrations: Self.migrations)
            #expect(try await recorded(pool, schema).count == 3)
            let lastApplied = try await pool.query(
                "SELECT max(applied_at) AS at FROM \(identifier: schema).schema_migrations")[0].decode("at", as: Date.self)
            #expect(lastApplied == firstApplied)

            // A new migration is applied on the next run.
            let more = Self.migrations + [Migration(version: 4, name: "more", sql: "CREATE TABLE extra (id int);")]
            try await runner.apply(component: "service", migrations: more)
            #expect(try await recorded(pool, schema).last == "service/4/more")
        }
    }

    @Test func componentsAreTrackedSeparately() async throws {
        try await TestDatabase.withSchema("mig_components") { pool, schema in
            let runner = MigrationRunner(pool: pool, schema: schema, logger: TestDatabase.logger)
            try await runner.apply(
                component: "outbox", migrations: [Migration(version: 1, name: "outbox", sql: "CREATE TABLE outbox (id int);")])
            try await runner.apply(
                component: "service", migrations: [Migration(version: 1, name: "items", sql: "CREATE TABLE items (id int);")])
            #expect(try await recorded(pool, schema) == ["outbox/1/outbox", "service/1/items"])
        }
    }

    @Test func concurrentRunnersApplyEachMigrationOnce() async throws {
        // The schema does not exist yet, so the runners also race on CREATE SCHEMA.
        let schema = TestEnvironment.uniqueName("mig_race")
        let pools = try (0..<3).map { _ in try TestDatabase.makePool(size: 1) }
        let admin = try TestDatabase.makePool(size: 1)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for pool in pools {
                    group.addTask {
                        let runner = MigrationRunner(pool: pool, schema: schema, logger: TestDatabase.logger)
                        try await runner.apply(component: "service", migrations: Self.migrations)
                    }
                }
                try await group.waitForAll()
            }
            let expected = ["service/1/create_items", "service/2/add_note", "service/3/seed"]
            #expect(try await recorded(admin, schema) == expected)
            let count = try await admin.query("SELECT count(*) AS n FROM \(identifier: schema).items")[0]
            #expect(try count.decode("n", as: Int.self) == 1)
            // The advisory lock was released: a fresh session can take it at once.
            let key = "qinqing.migrations." + schema
            let free = try await admin.withConnection { connection in
                let taken = try await connection.query("SELECT pg_try_advisory_lock(hashtextextended(\(key), 0)) AS ok")
                try await connection.query("SELECT pg_advisory_unlock_all()")
                return try taken[0].decode("ok", as: Bool.self)
            }
            #expect(free)
        } catch {
            Issue.record(error)
        }
        _ = try? await admin.execute("DROP SCHEMA IF EXISTS \(identifier: schema) CASCADE")
        await admin.shutdown()
        for pool in pools { await pool.shutdown() }
    }

    @Test func failingMigrationRollsBackAndIsNotRecorded() async throws {
        try await TestDatabase.withSchema("mig_fail", poolSize: 1) { pool, schema in
            let runner = MigrationRunner(pool: pool, schema: schema, logger: TestDatabase.logger)
            let broken = [
                Self.migrations[0],
                Migration(version: 2, name: "broken", sql: "CREATE TABLE half (id int); SELECT 1 / 0;"),
            ]
            let error = await #expect(throws: PostgresError.self) {
                try await runner.apply(component: "service", migrations: broken)
            }
            #expect(error?.code == .migrationFailed)
            #expect(error?.sqlState == "22012")
            #expect(error?.description.contains("0002_broken") == true)
            #expect(try await recorded(pool, schema) == ["service/1/create_items"])
            let half = try await pool.query("SELECT to_regclass(\(schema + ".half"))::text AS t")[0]
            #expect(try half.decode("t", as: String?.self) == nil)

            // Lock released and connection clean: the fixed set applies on the same one-connection pool.
            try await runner.apply(component: "service", migrations: Self.migrations)
            #expect(try await recorded(pool, schema).count == 3)
        }
    }

    @Test func changedChecksumIsRejected() async throws {
        try await TestDatabase.withSchema("mig_checksum") { pool, schema in
            let runner = MigrationRunner(pool: pool, schema: schema, logger: TestDatabase.logger)
            try await runner.apply(component: "service", migrations: Array(Self.migrations.prefix(2)))
            var edited = Self.migrations
            edited[1] = Migration(version: 2, name: "add_note", sql: "ALTER TABLE items ADD COLUMN other text;")
            let error = await #expect(throws: PostgresError.self) {
                try await runner.apply(component: "service", migrations: edited)
            }
            #expect(error?.code == .invalidMigration)
            #expect(error?.description.contains("0002_add_note") == true)
            #expect(try await recorded(pool, schema).count == 2)
        }
    }

    @Test func duplicateVersionsAreRejectedBeforeTouchingTheDatabase() async throws {
        let pool = try TestDatabase.makePool(size: 1)
        let runner = MigrationRunner(pool: pool, schema: TestEnvironment.uniqueName("mig_dup"), logger: TestDatabase.logger)
        let error = await #expect(throws: PostgresError.self) {
            try await runner.apply(
                component: "service",
                migrations: [Migration(version: 1, name: "a", sql: ""), Migration(version: 1, name: "b", sql: "")])
        }
        #expect(error?.code == .invalidMigration)
        await pool.shutdown()
    }
}
