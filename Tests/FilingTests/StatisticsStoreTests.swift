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

    @Test("a case's row carried on batch by batch, in the order things happened or in any other, is the fold of all its events")
    func carriedOnOrFoldedAgain() async throws {
        let harness = try await FilingHarness.make(scheduledJobs: false)
        defer { Task { await harness.service.stop() } }
        let pool = harness.dependencies.pool
        let calendar = try await pool.withConnection { try await StatisticsCalendarStore.load(on: $0) }
        for order in ["in time", "shuffled"] {
            let seed = StatisticsSeed()  // cases of their own for each order
            let records = try seed.appealEvents().map(CaseEventRecord.init(envelope:))
            let ordered = order == "in time" ? records.sorted { ($0.occurredAt, $0.eventID) < ($1.occurredAt, $1.eventID) } : records.shuffled()
            var start = 0
            while start < ordered.count {
                let end = min(ordered.count, start + Int.random(in: 1...3))
                try await pool.withTransaction { _ = try await StatisticsStore.apply(Array(ordered[start..<end]), on: $0) }
                start = end
            }
            let cases = Dictionary(grouping: records, by: \.caseID)
            let rows = try await pool.withConnection { try await StatisticsStore.facts(of: Array(cases.keys), on: $0) }
            #expect(rows.count == cases.count)
            for (caseID, events) in cases {
                let unique = Dictionary(events.map { ($0.eventID, $0) }, uniquingKeysWith: { first, _ in first }).values
                #expect(rows[caseID] == CaseStatistics.fold(Array(unique), calendar: calendar), "\(order): case \(caseID)")
            }
        }
    }

    @Test("facts are carried on only by events after the last one folded in; anything earlier asks for the whole fold")
    func continuation() throws {
        let seed = StatisticsSeed()
        let records = try seed.appealEvents().map(CaseEventRecord.init(envelope:))
        for events in Dictionary(grouping: records, by: \.caseID).values {
            let unique = Dictionary(events.map { ($0.eventID, $0) }, uniquingKeysWith: { first, _ in first }).values
            let ordered = unique.sorted { ($0.occurredAt, $0.eventID) < ($1.occurredAt, $1.eventID) }
            let whole = try #require(CaseStatistics.fold(ordered, calendar: nil))
            for split in 1..<ordered.count {
                let before = try #require(CaseStatistics.fold(Array(ordered[..<split]), calendar: nil))
                #expect(before.continued(with: Array(ordered[split...]).shuffled(), calendar: nil) == whole)
                // The last event folded in again, or one before it, is not after it.
                #expect(before.continued(with: [ordered[split - 1]] + ordered[split...], calendar: nil) == nil)
                var unknown = before
                unknown.lastEventID = nil  // a row folded before the fold's state was kept
                #expect(unknown.continued(with: Array(ordered[split...]), calendar: nil) == nil)
            }
        }
    }
}
