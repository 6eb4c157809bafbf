import Foundation
import Postgres
import Testing

/// Statements with parameters are prepared once per connection and reused (issue 17); what a caller
/// notices must stay as it was with one-off statements.
@Suite struct PreparedStatementTests {
    @Test func aStatementIsParsedOncePerConnectionAndGivesEachCallItsOwnParameters() async throws {
        try await TestDatabase.withSchema("prep", poolSize: 1) { pool, _ in
            try await pool.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)")
            for id in 1...5 { try await pool.execute("INSERT INTO items (id, name) VALUES (\(id), \("item \(id)"))") }
            let names = try await pool.withConnection { connection in
                var names: [String] = []
                for id in [3, 1, 5] {
                    names.append(try await connection.query("SELECT name FROM items WHERE id = \(id)")[0].decode("name", as: String.self))
                }
                return names
            }
            #expect(names == ["item 3", "item 1", "item 5"])
            // The session holds the SELECT and the INSERT as prepared statements, each once.
            let prepared = try await pool.query(
                "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE \("%FROM items WHERE id = $1%")")
            #expect(try prepared[0].decode("n", as: Int.self) == 1)
        }
    }

    @Test func aTableChangedUnderACachedStatementIsReadAsItIsNow() async throws {
        try await TestDatabase.withSchema("prep", poolSize: 1) { pool, _ in
            try await pool.execute("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)")
            try await pool.execute("INSERT INTO notes (id, body) VALUES (1, 'first')")
            let before = try await pool.query("SELECT * FROM notes WHERE id = \(1)")
            #expect(try before[0].decode("body", as: String.self) == "first")
            try await pool.execute("ALTER TABLE notes ADD COLUMN author text NOT NULL DEFAULT 'someone'")
            let after = try await pool.query("SELECT * FROM notes WHERE id = \(1)")
            #expect(try after[0].decode("author", as: String.self) == "someone")
        }
    }

    @Test func failuresKeepTheirSQLStateAndTheConnectionStaysUsable() async throws {
        try await TestDatabase.withSchema("prep", poolSize: 1) { pool, _ in
            try await pool.execute("CREATE TABLE codes (code text PRIMARY KEY)")
            try await pool.execute("INSERT INTO codes (code) VALUES (\("a"))")
            await #expect(throws: PostgresError.self) { try await pool.execute("INSERT INTO codes (code) VALUES (\("a"))") }
            do {
                try await pool.execute("INSERT INTO codes (code) VALUES (\("a"))")
            } catch let error as PostgresError {
                #expect(error.sqlState == "23505")
            }
            await #expect(throws: PostgresError.self) { try await pool.execute("SELEC nothing FROM codes WHERE code = \("a")") }
            #expect(try await pool.query("SELECT count(*) AS n FROM codes WHERE code <> \("b")")[0].decode("n", as: Int.self) == 1)
        }
    }
}
