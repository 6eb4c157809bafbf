import Foundation

/// A consumed record, copied out of librdkafka's buffers.
public struct KafkaIncomingMessage: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// The record's timestamp (create or log-append time), when the broker supplied one.
    public var timestamp: Date?

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader], timestamp: Date?
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The first header with this key, if any.
    public func header(_ key: String) -> KafkaHeader? {
        headers.first { $0.key == key }
    }

    /// The key decoded as UTF-8, if present and valid.
    public var keyString: String? {
        key.flatMap { String(validating: $0, as: UTF8.self) }
    }
}
