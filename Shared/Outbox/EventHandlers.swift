import Contracts
import Postgres

/// The events one consumer applies, registered explicitly: event type → handler.
///
/// A handler runs inside the transaction that records the event in the inbox, so its effects and
/// the "already applied" mark commit together.
public struct EventHandlers: Sendable {
    public typealias Handler = @Sendable (EventEnvelope, PostgresConnection) async throws -> Void
    /// Applies all the new events of its types in a fetched batch at once, in the order they came.
    public typealias BatchHandler = @Sendable ([EventEnvelope], PostgresConnection) async throws -> Void
    /// Applies a fetched batch's events of its types, keeping each in a table of its own keyed by event
    /// id (a kept id is skipped): answers how many were new.
    public typealias KeyedBatchHandler = @Sendable ([EventEnvelope], PostgresConnection) async throws -> Int

    /// A batch handler, and whether its table of events keyed by id is their inbox.
    struct Batch: Sendable {
        let apply: KeyedBatchHandler
        let keepsEventIDs: Bool
    }

    /// What applies one type: a handler of its own, or a batch handler (by its index in `batches`).
    enum Work {
        case each(Handler)
        case batch(Int)

        var isBatch: Bool {
            if case .batch = self { true } else { false }
        }
    }

    /// Whether `work` is recorded in the inbox (every event but those of a keyed batch handler).
    func usesInbox(_ work: Work) -> Bool {
        if case .batch(let index) = work { !batches[index].keepsEventIDs } else { true }
    }

    private(set) var handlers: [String: Handler] = [:]
    private(set) var batches: [Batch] = []
    private var batchOfType: [String: Int] = [:]
    /// Applies every type without a handler of its own (see `onEveryOtherType`).
    private(set) var fallback: Handler?
    /// Types this consumer may ignore: every type in the catalog, plus any the caller adds.
    private(set) var knownTypes: Set<String>

    public init(knownTypes: Set<String> = EventCatalog.knownTypes) {
        self.knownTypes = knownTypes
    }

    /// Applies `Event`s with `handler`.
    public mutating func on<Event: DomainEvent>(
        _ type: Event.Type,
        _ handler: @escaping @Sendable (Event, EventEnvelope, PostgresConnection) async throws -> Void
    ) {
        knownTypes.insert(Event.eventType)
        handlers[Event.eventType] = { envelope, connection in
            try await handler(try envelope.decode(Event.self), envelope, connection)
        }
    }

    /// Applies envelopes of `type` as they are, without decoding (tools, tests, raw projections).
    public mutating func onRaw(_ type: String, _ handler: @escaping Handler) {
        knownTypes.insert(type)
        handlers[type] = handler
    }

    /// Applies envelopes of `types` a batch at once: a projection whose per-event work repeats (a row
    /// per event, a fold per touched item) does it once per fetched batch. Within a batch, the events
    /// with handlers of their own are applied first, so batch only types whose effects do not depend
    /// on those events'.
    public mutating func onBatch(_ types: [String], _ handler: @escaping BatchHandler) {
        append(types, Batch(apply: { envelopes, connection in
            try await handler(envelopes, connection)
            return envelopes.count
        }, keepsEventIDs: false))
    }

    /// Like `onBatch`, for a projection that keeps every event of `types` as a row keyed by its id:
    /// that table is these events' record of what was applied, so the inbox keeps no second row for
    /// them (a third of the statements' work in the statistics ingest). The handler gets every
    /// fetched event of its types once (an id repeated within a batch is dropped before), inserts
    /// them with `ON CONFLICT (event_id) DO NOTHING`, applies only the inserted ones, and answers
    /// how many they were.
    public mutating func onKeyedBatch(_ types: [String], _ handler: @escaping KeyedBatchHandler) {
        append(types, Batch(apply: handler, keepsEventIDs: true))
    }

    private mutating func append(_ types: [String], _ batch: Batch) {
        for type in types {
            knownTypes.insert(type)
            batchOfType[type] = batches.count
        }
        batches.append(batch)
    }

    /// Applies every event type that has no handler of its own, known to the catalog or not, for
    /// consumers whose reaction to a type is data rather than code (the notifications rules).
    public mutating func onEveryOtherType(_ handler: @escaping Handler) {
        fallback = handler
    }

    func handler(for type: String) -> Handler? { handlers[type] ?? fallback }

    func work(for type: String) -> Work? {
        if let index = batchOfType[type] { return .batch(index) }
        return (handlers[type] ?? fallback).map(Work.each)
    }

    func isKnown(_ type: String) -> Bool { knownTypes.contains(type) }
}
