import CRdKafka
import Logging

/// Owns one `rd_kafka_t` (producer or consumer) and the callback context it points to; destroys
/// both in `deinit`. Every librdkafka call in Messaging goes through this class and its
/// extensions. Blocking calls are meant to be run on `queue` (or the producer's poll thread).
final class RDKafkaClient: Sendable {
    enum Kind: Sendable {
        case producer
        case consumer

        var rdKafkaType: rd_kafka_type_t {
            switch self {
            case .producer: RD_KAFKA_PRODUCER
            case .consumer: RD_KAFKA_CONSUMER
            }
        }
    }

    let kind: Kind
    let handle: RDKafkaHandle
    /// The serial queue for this client's blocking request/response calls.
    let queue: BlockingQueue
    let logger: Logger
    private let context: Unmanaged<RDKafkaCallbackContext>

    /// - Parameter deliveryReports: install `dr_msg_cb` (producers that await delivery reports).
    /// - Parameter errors: install `error_cb` (only for clients whose main queue is polled).
    init(
        kind: Kind, properties: [(String, String)], logger: Logger, deliveryReports: Bool, errors: Bool
    ) throws(KafkaError) {
        let config = try RDKafkaConfig(properties: properties)
        let context = Unmanaged.passRetained(RDKafkaCallbackContext(logger: logger))
        guard let confPointer = config.pointer else { preconditionFailure("fresh configuration") }
        rd_kafka_conf_set_opaque(confPointer, context.toOpaque())
        rd_kafka_conf_set_log_cb(confPointer, RDKafkaCallbacks.log)
        if errors { rd_kafka_conf_set_error_cb(confPointer, RDKafkaCallbacks.error) }
        if deliveryReports { rd_kafka_conf_set_dr_msg_cb(confPointer, RDKafkaCallbacks.deliveryReport) }

        var buffer = [CChar](repeating: 0, count: 512)
        guard let pointer = rd_kafka_new(kind.rdKafkaType, confPointer, &buffer, buffer.count) else {
            context.release()
            let reason = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw KafkaError(code: .configuration, message: "cannot create Kafka \(kind): \(reason)")
        }
        _ = config.consume()  // rd_kafka_new took ownership
        self.kind = kind
        self.handle = RDKafkaHandle(pointer: pointer)
        self.context = context
        self.logger = logger
        self.queue = BlockingQueue(label: "qinqing.kafka.\(kind).\(String(cString: rd_kafka_name(pointer)))")
    }

    deinit {
        if kind == .producer {
            // Normally `KafkaProducer.run()` already flushed and purged; this only makes sure no
            // delivery continuation is left hanging.
            rd_kafka_purge(handle.pointer, purgeAll)
            rd_kafka_poll(handle.pointer, 0)
        }
        rd_kafka_destroy(handle.pointer)
        context.release()
    }

    /// Serves queued callbacks (delivery reports, errors). Blocks up to `timeoutMilliseconds`.
    @discardableResult
    func poll(timeoutMilliseconds: Int32) -> Int32 {
        rd_kafka_poll(handle.pointer, timeoutMilliseconds)
    }

    /// Messages and requests not yet acknowledged or served.
    var outQueueLength: Int32 {
        rd_kafka_outq_len(handle.pointer)
    }

    /// A metadata round trip to any broker. Blocking.
    func requestMetadata(timeoutMilliseconds: Int32) -> KafkaError? {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(handle.pointer, 0, nil, &metadata, timeoutMilliseconds)
        if let metadata { rd_kafka_metadata_destroy(metadata) }
        return error == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(rdKafka: error, context: "metadata request")
    }

    /// The partition count of each of `topics` that the cluster reports without error. Blocking.
    func partitionCounts(of topics: Set<String>, timeoutMilliseconds: Int32) throws(KafkaError) -> [String: Int] {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, timeoutMilliseconds)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(rdKafka: error, context: "metadata request")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        var counts: [String: Int] = [:]
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            let topic = metadata.pointee.topics[index]
            let name = String(cString: topic.topic)
            if topics.contains(name), topic.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                counts[name] = Int(topic.partition_cnt)
            }
        }
        return counts
    }

    private var purgeAll: Int32 {
        Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING)
    }
}
