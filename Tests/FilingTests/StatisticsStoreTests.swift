@testable import FilingApp
import Contracts
import Foundation
import Postgres
import Testing

/// The store keeps a case's row equal to the fold of all its kept events, however its events are
/// batched: a case submitted within a batch is written from the batch alone only when it has no row.
@Suite("Statistics store")
struct StatisticsStoreTests {
    @Test("a case's row is the fold of all its kept events when its submission comes after later events, and again when everything comes twice")
    func submissionAfterLaterEvents() async throws {
        let harness = try await FilingHarness.make(scheduledJobs: false)
        defer { Task { await harness.service.stop() } }
        let seed = StatisticsSeed()
        let records = try seed.appealEvents().filter { $0.subject == seed.caseB.uuidString.lowercased() }.map(CaseEventRecord.init(envelope:))
        let submitted = records.filter { $0.action == "submitted" }
        let later = records.filter { $0.action != "submitted" }
        #expect(submitted.count == 1 && later.count >= 4)
        let pool = harness.dependencies.pool

        func row() async throws -> [String?] {
            let rows = try await pool.query(
                """
                SELECT status, reopened::text, escalations::text, signed_late::text, concluded_late::text, working_days_to_reply::text,
                    received_month, to_char(last_event_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS last_event_at,
                    (SELECT count(*) FROM stat_case_events WHERE case_id = \(seed.caseB))::text AS kept
                FROM stat_cases WHERE case_id = \(seed.caseB)
                """)
            let names = ["status", "reopened", "escalations", "signed_late", "concluded_late", "working_days_to_reply", "received_month",
                         "last_event_at", "kept"]
            return try rows.first.map { row in try names.map { try row.decode($0, as: String?.self) } } ?? []
        }

        // The later events first (a row folded from them alone), then the submission with the rest.
        try await pool.withTransaction { _ = try await StatisticsStore.apply(Array(later.prefix(2)), on: $0) }
        #expect(try await row().last == "2")
        try await pool.withTransaction { _ = try await StatisticsStore.apply(submitted + later.dropFirst(2), on: $0) }
        let afterAll = try await row()

        // The same events in one batch, into a case of its own, give the same row (the fold of them all).
        let calendar = try await pool.withConnection { try await StatisticsCalendarStore.load(on: $0) }
        let expected = try #require(CaseStatistics.fold(records, calendar: calendar))
        #expect(afterAll[0] == expected.status)
        #expect(afterAll[1] == String(expected.reopened))
        #expect(afterAll[2] == String(expected.escalations))
        #expect(afterAll[3] == expected.signedLate.map(String.init))
        #expect(afterAll[4] == expected.concludedLate.map(String.init))
        #expect(afterAll[5] == expected.workingDaysToReply.map(String.init))
        #expect(afterAll[6] == BeijingMonth.of(expected.submittedAt))
        #expect(afterAll[8] == String(records.count))
        #expect(expected.reopened && expected.concludedLate == true)  // the seeded case B: reopened, concluded late

        // Everything again, the submission among it: nothing is new and the row stays.
        let applied = try await pool.withTransaction { try await StatisticsStore.apply(records, on: $0) }
        #expect(applied == 0)
        #expect(try await row() == afterAll)
    }
}
