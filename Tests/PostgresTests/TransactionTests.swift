import Postgres
import Testing

@Suite struct TransactionTests {
    private struct Boom: Error {}

    @Test func commitMakesRowsVisible() async throws {
        try await TestDatabase.withSchema("tx_commit") { pool, _ in
            try await pool.execute("CREATE TABLE items (id int PRIMARY KEY)")
            let inserted = try await pool.withTransaction { connection in
                try await connection.execute("INSERT INTO items VALUES (\(Int32(1))), (\(Int32(2)))")
            }
            #expect(inserted == 2)
            let count = try await pool.query("SELECT count(*) AS n FROM items")[0].decode("n", as: Int.self)
            #expect(count == 2)
        }
    }

    @Test func throwingBodyRollsBack() async throws {
        try await TestDatabase.withSchema("tx_rollback", poolSize: 1) { pool, _ in
            try await pool.execute("CREATE TABLE items (id int PRIMARY KEY)")
            await #expect(throws: Boom.self) {
                try await pool.withTransaction { connection in
                    try await connection.execute("INSERT INTO items VALUES (\(Int32(1)))")
                    throw Boom()
                }
            }
            let count = try await pool.query("SELECT count(*) AS n FROM items")[0].decode("n", as: Int.self)
            #expect(count == 0)
            // The single connection went back to the pool outside any transaction block.
            let error = await #expect(throws: PostgresError.self) { try await pool.execute("SAVEPOINT probe") }
            #expect(error?.sqlState == "25P01")
        }
    }

    @Test func swallowedErrorAbortsTheCommit() async throws {
        try await TestDatabase.withSchema("tx_aborted") { pool, _ in
            try await pool.execute("CREATE TABLE items (id int PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction { connection in
                    try await connection.execute("INSERT INTO items VALUES (\(Int32(1)))")
                    _ = try? await connection.execute("INSERT INTO items VALUES (\(Int32(1)))")
                }
            }
            #expect(error?.code == .transactionAborted)
            let count = try await pool.query("SELECT count(*) AS n FROM items")[0].decode("n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test func withConnectionRollsBackATransactionLeftOpen() async throws {
        try await TestDatabase.withSchema("tx_leftopen", poolSize: 1) { pool, _ in
            try await pool.execute("CREATE TABLE items (id int PRIMARY KEY)")
            try await pool.withConnection { connection in
                try await connection.execute("BEGIN")
                try await connection.execute("INSERT INTO items VALUES (\(Int32(1)))")
            }
            let count = try await pool.query("SELECT count(*) AS n FROM items")[0].decode("n", as: Int.self)
            #expect(count == 0)
        }
    }
}
