import Foundation
import Outbox
import Postgres
import Testing

@Suite("Outbox writes")
struct OutboxWriterTests {
    struct Rollback: Error {}

    @Test("a state change and its event commit together")
    func commitTogether() async throws {
        let fixture = try await BackboneFixture(prefix: "outbox_commit")
        try await fixture.write(key: "a", n: 1)
        #expect(try await fixture.count("SELECT count(*)::bigint FROM probe_state") == 1)
        #expect(try await fixture.count("SELECT count(*)::bigint FROM outbox WHERE published_at IS NULL") == 1)
        await fixture.pool.shutdown()
    }

    @Test("a state change and its event roll back together")
    func rollBackTogether() async throws {
        let fixture = try await BackboneFixture(prefix: "outbox_rollback")
        await #expect(throws: Rollback.self) {
            try await fixture.pool.withTransaction { connection in
                try await connection.execute("INSERT INTO probe_state (record_key, n) VALUES ('a', 1)")
                try await OutboxWriter(producer: .appeals).append(fixture.envelope(key: "a", n: 1), on: connection)
                throw Rollback()
            }
        }
        // A failing statement after the append also undoes the event.
        try await fixture.write(key: "b", n: 1)
        await #expect(throws: PostgresError.self) { try await fixture.write(key: "b", n: 1) }
        #expect(try await fixture.count("SELECT count(*)::bigint FROM probe_state") == 1)
        #expect(try await fixture.count("SELECT count(*)::bigint FROM outbox") == 1)
        await fixture.pool.shutdown()
    }

    @Test("republish marks events from a time unpublished; retention keeps unpublished rows")
    func republishAndRetention() async throws {
        let fixture = try await BackboneFixture(prefix: "outbox_maint")
        let writer = OutboxWriter(producer: .appeals)
        let old = Date().addingTimeInterval(-3600)
        try await fixture.pool.withTransaction { connection in
            try await writer.append(fixture.envelope(key: "k", n: 1, time: old), on: connection)
            try await writer.append(fixture.envelope(key: "k", n: 2), on: connection)
            try await writer.append(fixture.envelope(key: "k", n: 3), on: connection)
        }
        try await fixture.pool.execute("UPDATE outbox SET published_at = now() - interval '2 hours' WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT 2)")
        let maintenance = OutboxMaintenance(pool: fixture.pool)
        #expect(try await maintenance.backlog().count == 1)

        let marked = try await maintenance.republish(since: Date().addingTimeInterval(-60))
        #expect(marked == 2)
        #expect(try await maintenance.backlog().count == 2)

        let purged = try await maintenance.purgePublished(olderThan: .seconds(3600))
        #expect(purged == 1)
        #expect(try await fixture.count("SELECT count(*)::bigint FROM outbox") == 2)
        await fixture.pool.shutdown()
    }
}
