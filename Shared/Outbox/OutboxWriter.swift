import Contracts
import Foundation
import Postgres

/// Writes events into the outbox inside the caller's transaction, so the event exists exactly
/// when the state change it describes does.
public struct OutboxWriter: Sendable {
    public let producer: ProducingService

    public init(producer: ProducingService) {
        self.producer = producer
    }

    /// Appends `event` on `connection`, which must be inside the state change's transaction.
    @discardableResult
    public func append<Event: DomainEvent>(
        _ event: Event, on connection: PostgresConnection, id: UUID = UUID(), time: Date = Date()
    ) async throws -> EventEnvelope {
        let envelope = try EventEnvelope(event, producer: producer, id: id, time: time)
        try await append(envelope, on: connection)
        return envelope
    }

    /// Appends an already wrapped envelope (used by tests and by tools that replay events).
    public func append(_ envelope: EventEnvelope, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO outbox (event_id, topic, record_key, event_type, source, occurred_at, payload)
            VALUES (\(envelope.id), \(envelope.topic.name), \(envelope.key), \(envelope.type),
                    \(envelope.source), \(envelope.time), \(envelope.data))
            """)
    }
}
