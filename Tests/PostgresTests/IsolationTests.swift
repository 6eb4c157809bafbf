import Postgres
import Testing

/// `withConnection`/`withTransaction` run their closure in the caller's isolation, so actor
/// state can be touched inside them (this file failing to compile is the regression).
private actor CountingRepository {
    let pool: PostgresPool
    private(set) var transactions = 0

    init(pool: PostgresPool) { self.pool = pool }

    func insert(_ id: Int32) async throws -> Int {
        try await pool.withTransaction { connection in
            let inserted = try await connection.execute("INSERT INTO items VALUES (\(id))")
            transactions += 1
            return inserted
        }
    }
}

@Suite struct IsolationTests {
    @Test func closuresRunInTheCallersIsolation() async throws {
        try await TestDatabase.withSchema("isolation") { pool, _ in
            try await pool.execute("CREATE TABLE items (id int)")
            let repository = CountingRepository(pool: pool)
            #expect(try await repository.insert(1) == 1)
            #expect(try await repository.insert(2) == 1)
            #expect(await repository.transactions == 2)
            let total = try await pool.query("SELECT sum(id) AS s FROM items")[0].decode("s", as: Int.self)
            #expect(total == 3)
        }
    }

    @MainActor @Test func mainActorCallersCanCaptureLocalState() async throws {
        var seen: [Int] = []
        try await TestDatabase.withPool { pool throws in
            try await pool.withConnection { connection in
                seen.append(try await connection.query("SELECT 5 AS v")[0].decode("v", as: Int.self))
            }
        }
        #expect(seen == [5])
    }
}
