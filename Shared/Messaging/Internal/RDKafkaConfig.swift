import CRdKafka

/// Owns an `rd_kafka_conf_t *` until `RDKafkaClient` hands it to `rd_kafka_new`.
final class RDKafkaConfig {
    private(set) var pointer: OpaquePointer?

    init(properties: [(String, String)]) throws(KafkaError) {
        pointer = rd_kafka_conf_new()
        for (key, value) in properties {
            try set(key, value)
        }
    }

    func set(_ key: String, _ value: String) throws(KafkaError) {
        guard let pointer else { preconditionFailure("configuration already consumed") }
        var buffer = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(pointer, key, value, &buffer, buffer.count)
        guard result == RD_KAFKA_CONF_OK else {
            let reason = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw KafkaError(code: .configuration, message: "property \(key): \(reason)")
        }
    }

    /// Gives up ownership (after a successful `rd_kafka_new`).
    func consume() -> OpaquePointer {
        guard let pointer else { preconditionFailure("configuration already consumed") }
        self.pointer = nil
        return pointer
    }

    deinit {
        if let pointer { rd_kafka_conf_destroy(pointer) }
    }
}
