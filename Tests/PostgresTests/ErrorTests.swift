import Postgres
import Testing

@Suite struct ErrorTests {
    @Test func uniqueViolationCarriesSQLStateButNoData() async throws {
        try await TestDatabase.withSchema("err_unique") { pool, _ in
            try await pool.execute("CREATE TABLE users (email text CONSTRAINT users_email_key UNIQUE)")
            let secret = "secret-value-8731@example.com"
            try await pool.execute("INSERT INTO users (email) VALUES (\(secret))")
            let error = await #expect(throws: PostgresError.self) {
                try await pool.execute("INSERT INTO users (email) VALUES (\(secret))")
            }
            let failure = try #require(error)
            #expect(failure.code == .queryFailed)
            #expect(failure.sqlState == "23505")
            #expect(failure.isUniqueViolation)
            #expect(!failure.isConnectionError)
            #expect(failure.constraintName == "users_email_key")
            #expect(!failure.description.contains(secret))
            #expect(!failure.description.contains("INSERT"))
            #expect(failure.description.contains("23505"))
            #expect(!String(reflecting: failure).contains(secret))
        }
    }

    @Test func invalidInputDoesNotEchoTheValue() async throws {
        try await TestDatabase.withPool { pool throws in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("SELECT \("not-a-number-4417")::int AS n")
            }
            #expect(error?.sqlState == "22P02")
            #expect(error?.description.contains("not-a-number-4417") == false)
        }
    }

    @Test func syntaxErrorsDoNotEchoTheSQL() async throws {
        try await TestDatabase.withPool { pool throws in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("SELEKT hidden_token_9921")
            }
            #expect(error?.sqlState == "42601")
            #expect(error?.description.contains("hidden_token_9921") == false)
            #expect(error?.description.contains("SELEKT") == false)
        }
    }

    @Test func nulCharactersInParametersAreRejected() async throws {
        try await TestDatabase.withPool { pool throws in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("SELECT \("a\u{0}b") AS v")
            }
            #expect(error?.sqlState == "22021")
            // The connection stays usable.
            let one = try await pool.query("SELECT 1 AS one")[0].decode("one", as: Int.self)
            #expect(one == 1)
        }
    }
}
