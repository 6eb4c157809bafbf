import Foundation
import Postgres
import Testing

@Suite struct PoolTests {
    @Test func smallPoolServesManyConcurrentQueries() async throws {
        try await TestDatabase.withPool(size: 2) { pool throws in
            let results = try await withThrowingTaskGroup(of: (Int, Int, Int32).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let row = try await pool.query(
                            "SELECT \(index) AS i, pg_backend_pid() AS pid, pg_sleep(0.005)::text AS s")[0]
                        return (index, try row.decode("i", as: Int.self), try row.decode("pid", as: Int32.self))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 50)
            #expect(results.allSatisfy { $0.0 == $0.1 })
            #expect(Set(results.map(\.2)).count <= 2)
        }
    }

    @Test func closedPortFailsAsConnectionError() async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(url: "postgresql://postgres@127.0.0.1:1/qinqing", poolSize: 2),
            logger: TestDatabase.logger)
        let errors = await withTaskGroup(of: (any Error)?.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        try await pool.query("SELECT 1")
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [(any Error)?]()) { $0.append($1) }
        }
        #expect(errors.count == 10)
        for error in errors {
            let failure = try #require(error as? PostgresError)
            #expect(failure.code == .connectionFailed)
            #expect(failure.isConnectionError)
        }
        #expect(await pool.isReachable() == false)
        await pool.shutdown()
    }

    @Test func recoversAfterItsBackendIsTerminated() async throws {
        let admin = try TestDatabase.makePool(size: 1)
        try await TestDatabase.withPool(size: 1) { pool throws in
            let first = try await pool.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            let killed = try await admin.query("SELECT pg_terminate_backend(\(first)) AS ok")[0].decode("ok", as: Bool.self)
            #expect(killed)
            // pg_terminate_backend only sends the signal; wait until the backend has gone.
            for _ in 0..<200 {
                let alive = try await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = \(first)")[0]
                    .decode("n", as: Int.self)
                if alive == 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let second = try await pool.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            #expect(second != first)
            #expect(await pool.isReachable())
        }
        await admin.shutdown()
    }

    @Test func cancellingAQueryLeavesThePoolUsable() async throws {
        try await TestDatabase.withPool(size: 1) { pool throws in
            let sleeper = Task { try await pool.query("SELECT pg_sleep(30)") }
            try await Task.sleep(for: .milliseconds(300))
            sleeper.cancel()
            let outcome = await sleeper.result
            #expect(throws: PostgresError.self) { try outcome.get() }
            if case .failure(let error as PostgresError) = outcome { #expect(error.code == .cancelled) }
            let value = try await pool.query("SELECT 7 AS v")[0].decode("v", as: Int.self)
            #expect(value == 7)
        }
    }

    @Test func cancellingInsideATransactionRollsItBack() async throws {
        try await TestDatabase.withSchema("pool_cancel_tx", poolSize: 1) { pool, _ in
            try await pool.execute("CREATE TABLE items (id int)")
            let worker = Task {
                try await pool.withTransaction { connection in
                    try await connection.execute("INSERT INTO items VALUES (\(Int32(1)))")
                    try await connection.query("SELECT pg_sleep(30)")
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            worker.cancel()
            _ = await worker.result
            let count = try await pool.query("SELECT count(*) AS n FROM items")[0].decode("n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test(.timeLimit(.minutes(1))) func cancelledWaiterLeavesTheQueue() async throws {
        try await TestDatabase.withPool(size: 1) { pool throws in
            // The holder says when it has the only connection and keeps it until told; no timing decides who holds it.
            let (held, heldSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await pool.withConnection { _ in
                    heldSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in held { break }
            let waiter = Task { try await pool.query("SELECT 1") }
            try await Task.sleep(for: .milliseconds(100))
            waiter.cancel()
            let outcome = await waiter.result
            if case .failure(let error as PostgresError) = outcome {
                #expect(error.code == .cancelled)
            } else {
                Issue.record("expected the waiting query to fail with .cancelled, got \(outcome)")
            }
            releaseSignal.yield()
            try await holder.value
            #expect(try await pool.query("SELECT 2 AS v")[0].decode("v", as: Int.self) == 2)
        }
    }

    @Test func reachabilityAndShutdown() async throws {
        let pool = try TestDatabase.makePool(size: 1)
        #expect(await pool.isReachable())
        await pool.shutdown()
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .poolClosed)
        #expect(await pool.isReachable() == false)
    }

    @Test func searchPathIsAppliedToNewConnections() async throws {
        try await TestDatabase.withSchema("pool_path") { pool, schema in
            let path = try await pool.query("SELECT current_schema() AS s")[0].decode("s", as: String.self)
            #expect(path == schema)
        }
    }
}
