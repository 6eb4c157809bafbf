import Contracts
import Foundation
import Messaging
import Postgres

/// An unpublished outbox row, ready to become a Kafka record in CloudEvents binary mode.
struct PendingEvent: Sendable {
    let seq: Int64
    let key: String
    let message: KafkaOutgoingMessage

    init(row: PostgresRow) throws {
        let envelope = EventEnvelope(
            id: try row.decode("event_id", as: UUID.self),
            source: try row.decode("source", as: String.self),
            type: try row.decode("event_type", as: String.self),
            time: try row.decode("occurred_at", as: Date.self),
            subject: try row.decode("record_key", as: String.self),
            topic: Topic(try row.decode("topic", as: String.self)),
            data: try row.decode("payload", as: Data.self))
        self.seq = try row.decode("seq", as: Int64.self)
        self.key = envelope.key
        self.message = KafkaOutgoingMessage(
            topic: envelope.topic.name,
            key: Array(envelope.key.utf8),
            value: Array(envelope.data),
            headers: envelope.headers.map { KafkaHeader(key: $0.name, string: $0.value) })
    }
}

/// Which rows of a batch count as published.
///
/// A row whose key already had a failure earlier in the batch is not marked even if the broker
/// took it, so it is sent again after the failed one and the key's order holds at the consumer
/// (whose inbox drops the duplicate).
struct PublishOutcome {
    var published: [Int64] = []
    var failed: [Int64] = []
    var firstError: String?

    init(pending: [PendingEvent], reports: [Result<KafkaDeliveryReport, KafkaError>]) {
        var keysWithFailure = Set<String>()
        for (event, report) in zip(pending, reports) {
            switch report {
            case .success where !keysWithFailure.contains(event.key):
                published.append(event.seq)
            case .success:
                failed.append(event.seq)
            case .failure(let error):
                keysWithFailure.insert(event.key)
                failed.append(event.seq)
                if firstError == nil { firstError = error.description }
            }
        }
    }
}
