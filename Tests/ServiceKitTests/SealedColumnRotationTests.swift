import Foundation
import Logging
import Postgres
import ServiceKit
import Testing
import TestSupport

@Suite("Re-sealing sealed columns after a key rotation")
struct SealedColumnRotationTests {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var total: Int { lock.withLock { count } }
    }

    /// A stand-in cipher: a value "sealed" under key k is `k:` + plaintext (the job never looks inside).
    static func reseal(_ calls: Calls) -> SealedColumnRotation.Reseal {
        { keyID, ciphertext in
            calls.add()
            let text = String(decoding: ciphertext, as: UTF8.self)
            guard text.hasPrefix("\(keyID):") else { throw CancellationError() }
            return ("new", Data(("new:" + text.dropFirst(keyID.count + 1)).utf8))
        }
    }

    @Test("two instances share the work: every stale value is re-sealed exactly once, NULLs and current values are left alone")
    func concurrentInstances() async throws {
        let logger = Logger(label: "rotation-test") { _ in SwiftLogNoOpLogHandler() }
        let schema = TestEnvironment.uniqueName("rotation")
        let url = try TestEnvironment.postgresURL()
        let admin = PostgresPool(configuration: .init(url: url, poolSize: 1), logger: logger)
        try await admin.execute("CREATE SCHEMA \(identifier: schema)")
        let pool = PostgresPool(configuration: .init(url: url, poolSize: 4, searchPath: schema), logger: logger)
        try await pool.execute(
            "CREATE TABLE people (id int PRIMARY KEY, phone_key_id text, phone_sealed bytea, phone_hash bytea)")
        try await pool.execute(
            """
            INSERT INTO people (id, phone_key_id, phone_sealed, phone_hash)
            SELECT i, CASE WHEN i % 10 = 0 THEN NULL WHEN i % 7 = 0 THEN 'new' ELSE 'old' END,
                   CASE WHEN i % 10 = 0 THEN NULL WHEN i % 7 = 0 THEN convert_to('new:' || i, 'UTF8') ELSE convert_to('old:' || i, 'UTF8') END,
                   convert_to('hash' || i, 'UTF8')
            FROM generate_series(1, 500) AS i
            """)
        let stale = try await pool.query(
            "SELECT count(*)::bigint AS n FROM people WHERE phone_key_id = 'old'")[0].decode("n", as: Int64.self)

        let calls = Calls()
        let jobs = (0..<2).map { _ in
            SealedColumnRotation(
                pool: pool, columns: [.field("phone", of: "people")], currentKeyID: "new", batchSize: 7, logger: logger,
                reseal: Self.reseal(calls))
        }
        #expect(try await jobs[0].staleCount() == Int(stale))
        async let first = jobs[0].pass()
        async let second = jobs[1].pass()
        let done = try await first + second
        #expect(done == Int(stale))
        #expect(calls.total == Int(stale))
        #expect(try await jobs[1].staleCount() == 0)

        for row in try await pool.query("SELECT id, phone_key_id, phone_sealed, phone_hash FROM people ORDER BY id") {
            let id: Int = try row.decode("id")
            let keyID: String? = try row.decode("phone_key_id")
            let sealed: Data? = try row.decode("phone_sealed")
            #expect(try row.decode("phone_hash", as: Data.self) == Data("hash\(id)".utf8))
            if id % 10 == 0 {
                #expect(keyID == nil && sealed == nil)
            } else {
                #expect(keyID == "new")
                #expect(sealed == Data("new:\(id)".utf8))
            }
        }
        await pool.shutdown()
        try await admin.execute("DROP SCHEMA \(identifier: schema) CASCADE")
        await admin.shutdown()
    }

    @Test("a value that cannot be opened stops the pass and stays stale (the old key is still needed)")
    func unreadableValue() async throws {
        let logger = Logger(label: "rotation-test") { _ in SwiftLogNoOpLogHandler() }
        let schema = TestEnvironment.uniqueName("rotation")
        let url = try TestEnvironment.postgresURL()
        let admin = PostgresPool(configuration: .init(url: url, poolSize: 1), logger: logger)
        try await admin.execute("CREATE SCHEMA \(identifier: schema)")
        let pool = PostgresPool(configuration: .init(url: url, poolSize: 2, searchPath: schema), logger: logger)
        try await pool.execute("CREATE TABLE notes (id int PRIMARY KEY, key_id text NOT NULL, sealed bytea NOT NULL)")
        try await pool.execute("INSERT INTO notes VALUES (1, 'old', convert_to('garbage', 'UTF8'))")
        let job = SealedColumnRotation(
            pool: pool, columns: [SealedColumn(table: "notes", keyIDColumn: "key_id", sealedColumn: "sealed")],
            currentKeyID: "new", logger: logger, reseal: Self.reseal(Calls()))
        await #expect(throws: CancellationError.self) { try await job.pass() }
        #expect(try await job.staleCount() == 1)
        await pool.shutdown()
        try await admin.execute("DROP SCHEMA \(identifier: schema) CASCADE")
        await admin.shutdown()
    }
}
