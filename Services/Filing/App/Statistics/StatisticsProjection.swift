import Contracts
import Foundation
import Outbox
import Postgres

/// Keeps the statistics read models from the appeals and policy topics, through the inbox (its own
/// consumer, so the figures never wait on the identity projection, nor it on them).
struct StatisticsProjection: EventProjection {
    /// The topics the figures are built from.
    static let topics: [Topic] = [.appeals, .policy]

    func register(into handlers: inout EventHandlers) {
        // Every appeal and complaint event carries the item's facts after the transition (`CaseFacts`).
        for type in AppealsEvents.appeal + AppealsEvents.complaint {
            handlers.onRaw(type.eventType) { envelope, connection in
                try await StatisticsStore.apply(try CaseEventRecord(envelope: envelope), on: connection)
            }
        }
        handlers.on(PolicyPublished.self) { event, _, connection in
            try await StatisticsStore.published(event, on: connection)
        }
        handlers.on(PolicyPublishedLate.self) { event, _, connection in
            try await StatisticsStore.publishedLate(event, on: connection)
        }
        RedemptionStatisticsStore.register(into: &handlers)
    }
}
