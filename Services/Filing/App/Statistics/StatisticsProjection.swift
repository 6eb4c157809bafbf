import Contracts
import Foundation
import Outbox
import Postgres

/// Keeps the statistics read models from the appeals, policy and identity topics, through the inbox
/// (its own consumer, so the figures never wait on the identity projection, nor it on them, and
/// every statistics table is rebuilt by replaying this one consumer's topics).
struct StatisticsProjection: EventProjection {
    /// The topics the figures are built from (identity: the liaison assignments and contact gaps).
    static let topics: [Topic] = [.appeals, .policy, .identity]
    /// Case events are applied a fetched batch at a time, split by case into lanes applied at once
    /// (the fold of one case never reads another's). `./dev bench statistics-ingest` measured these
    /// against 2 × 1,000 and 4 × 2,000: the same case by case, a replay's rate 0.155 → 0.23 × the raw
    /// consumer (larger batches hold more of each case's history, so fewer kept events are read).
    static let maxBatchSize = 4_000
    static let lanes = 4

    func register(into handlers: inout EventHandlers) {
        // Every appeal and complaint event carries the item's facts after the transition (`CaseFacts`).
        // A fetched batch's case events are kept in one statement and each touched case folded once;
        // `stat_case_events`, keyed by event id, is their record of what was applied.
        let types = (AppealsEvents.appeal + AppealsEvents.complaint).map { $0.eventType }
        handlers.onKeyedBatch(types) { envelopes, connection in
            try await StatisticsStore.apply(try envelopes.map { try CaseEventRecord(envelope: $0) }, on: connection)
        }
        // The official calendar's years (working days to reply); within a batch applied before the case events.
        handlers.on(CalendarYearPublished.self) { event, _, connection in
            try await StatisticsCalendarStore.published(event, on: connection)
        }
        handlers.on(PolicyPublished.self) { event, _, connection in
            try await StatisticsStore.published(event, on: connection)
        }
        handlers.on(PolicyPublishedLate.self) { event, _, connection in
            try await StatisticsStore.publishedLate(event, on: connection)
        }
        RedemptionStatisticsStore.register(into: &handlers)
        LiaisonStatisticsStore.register(into: &handlers)
    }
}
