import Foundation
import Postgres
import Testing
import TestSupport

@Suite("LISTEN / NOTIFY")
struct ListenerTests {
    @Test("a committed NOTIFY wakes the listener; an uncommitted one does not; silence times out")
    func wakesOnCommit() async throws {
        let channel = TestEnvironment.uniqueName("wake")
        try await TestDatabase.withPool { pool in
            let listener = try await PostgresListener.listen(
                configuration: pool.configuration, channel: channel, logger: TestDatabase.logger)
            #expect(try await listener.wait(timeout: .milliseconds(100)) == false)

            struct Abort: Error {}
            _ = try? await pool.withTransaction { connection in
                try await connection.execute("SELECT pg_notify(\(channel), 'x')")
                throw Abort()
            }
            #expect(try await listener.wait(timeout: .milliseconds(200)) == false)

            try await pool.execute("SELECT pg_notify(\(channel), 'x')")
            #expect(try await listener.wait(timeout: .seconds(10)) == true)
            await listener.close()
        }
    }
}
