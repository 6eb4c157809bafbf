import Contracts
import Postgres

/// The events one consumer applies, registered explicitly: event type → handler.
///
/// A handler runs inside the transaction that records the event in the inbox, so its effects and
/// the "already applied" mark commit together.
public struct EventHandlers: Sendable {
    public typealias Handler = @Sendable (EventEnvelope, PostgresConnection) async throws -> Void

    private(set) var handlers: [String: Handler] = [:]
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

    /// Applies every event type that has no handler of its own, known to the catalog or not, for
    /// consumers whose reaction to a type is data rather than code (the notifications rules).
    public mutating func onEveryOtherType(_ handler: @escaping Handler) {
        fallback = handler
    }

    func handler(for type: String) -> Handler? { handlers[type] ?? fallback }

    func isKnown(_ type: String) -> Bool { knownTypes.contains(type) }
}
