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

    /// What applies one type: a handler of its own, or a batch handler (by its index in `batches`).
    enum Work {
        case each(Handler)
        case batch(Int)

        var isBatch: Bool {
            if case .batch = self { true } else { false }
        }
    }

    private(set) var handlers: [String: Handler] = [:]
    private(set) var batches: [BatchHandler] = []
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
        for type in types {
            knownTypes.insert(type)
            batchOfType[type] = batches.count
        }
        batches.append(handler)
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
