import Foundation

/// One event as it travels: CloudEvents 1.0 attributes plus a JSON body.
///
/// On Kafka it is written in CloudEvents' binary mode: the attributes become `ce_*` headers, the
/// body is the record value, and the subject is the record key (so one aggregate's events share a
/// partition and keep their order).
public struct EventEnvelope: Sendable, Equatable {
    public static let specVersion = "1.0"
    public static let contentType = "application/json"

    public var id: UUID
    public var source: String
    public var type: String
    public var time: Date
    public var subject: String
    public var topic: Topic
    public var data: Data

    public init(
        id: UUID, source: String, type: String, time: Date, subject: String, topic: Topic, data: Data
    ) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.topic = topic
        self.data = data
    }

    /// Wraps `event` for publishing by `producer`, which must be its topic's single producer.
    public init<Event: DomainEvent>(
        _ event: Event, producer: ProducingService, id: UUID = UUID(), time: Date = Date()
    ) throws {
        guard producer.topics.contains(Event.topic) else {
            throw EnvelopeError.wrongProducer(type: Event.eventType, producer: producer.rawValue)
        }
        self.init(
            id: id, source: producer.eventSource, type: Event.eventType, time: time,
            subject: event.subject, topic: Event.topic, data: try EventJSON.encode(event))
    }

    /// Decodes the body as `Event`, after checking the envelope says it is one.
    public func decode<Event: DomainEvent>(_ type: Event.Type) throws -> Event {
        guard self.type == Event.eventType else {
            throw EnvelopeError.typeMismatch(expected: Event.eventType, actual: self.type)
        }
        do {
            return try EventJSON.decode(Event.self, from: data)
        } catch {
            throw EnvelopeError.malformedBody(type: self.type, reason: String(describing: error))
        }
    }
}
