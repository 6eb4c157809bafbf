import Foundation

/// CloudEvents 1.0 Kafka protocol binding, binary content mode.
extension EventEnvelope {
    public enum Header {
        public static let id = "ce_id"
        public static let source = "ce_source"
        public static let type = "ce_type"
        public static let time = "ce_time"
        public static let subject = "ce_subject"
        public static let specVersion = "ce_specversion"
        public static let contentType = "content-type"
    }

    /// The record key: the aggregate the event is about.
    public var key: String { subject }

    /// The record headers, in a stable order.
    public var headers: [(name: String, value: String)] {
        [
            (Header.id, id.uuidString.lowercased()),
            (Header.source, source),
            (Header.type, type),
            (Header.time, EventTime.format(time)),
            (Header.subject, subject),
            (Header.specVersion, Self.specVersion),
            (Header.contentType, Self.contentType),
        ]
    }

    /// Reads an envelope back from a record's headers and value; a missing or malformed attribute
    /// is an error naming it, so the consumer can dead-letter the record with a reason.
    public init(topic: Topic, headers: [String: String], body: Data) throws {
        func required(_ name: String) throws -> String {
            guard let value = headers[name], !value.isEmpty else {
                throw EnvelopeError.missingHeader(name)
            }
            return value
        }
        let specVersion = try required(Header.specVersion)
        guard specVersion == Self.specVersion else {
            throw EnvelopeError.invalidHeader(Header.specVersion, value: specVersion)
        }
        let idText = try required(Header.id)
        // The canonical form read byte by byte (a consumer reads one per record), anything else as Foundation reads it.
        let canonical = idText.utf8.withContiguousStorageIfAvailable { EventBodyReader.uuid(UnsafeRawBufferPointer($0)) } ?? nil
        guard let id = canonical ?? UUID(uuidString: idText) else {
            throw EnvelopeError.invalidHeader(Header.id, value: idText)
        }
        let timeText = try required(Header.time)
        guard let time = EventTime.parse(timeText) else {
            throw EnvelopeError.invalidHeader(Header.time, value: timeText)
        }
        self.init(
            id: id, source: try required(Header.source), type: try required(Header.type), time: time,
            subject: try required(Header.subject), topic: topic, data: body)
    }
}
