import CRdKafka

extension RDKafkaClient {
    /// Enqueues one message (non-blocking; librdkafka copies everything). On success the
    /// delivery-report callback later completes `completion` exactly once; on failure the error is
    /// returned and `completion` is not called.
    func produce(_ message: KafkaOutgoingMessage, completion: DeliveryCompletion) -> KafkaError? {
        let opaque = Unmanaged.passRetained(completion)
        let error: OpaquePointer? = CArena.with { arena in
            var values: [rd_kafka_vu_t] = []
            values.reserveCapacity(5 + message.headers.count)

            var topic = rd_kafka_vu_t()
            topic.vtype = RD_KAFKA_VTYPE_TOPIC
            topic.u.cstr = arena.cString(message.topic)
            values.append(topic)

            var flags = rd_kafka_vu_t()
            flags.vtype = RD_KAFKA_VTYPE_MSGFLAGS
            flags.u.i = RD_KAFKA_MSG_F_COPY
            values.append(flags)

            var value = rd_kafka_vu_t()
            value.vtype = RD_KAFKA_VTYPE_VALUE
            value.u.mem.ptr = arena.bytes(message.value)
            value.u.mem.size = message.value.count
            values.append(value)

            if let key = message.key {
                var keyValue = rd_kafka_vu_t()
                keyValue.vtype = RD_KAFKA_VTYPE_KEY
                keyValue.u.mem.ptr = arena.bytes(key)
                keyValue.u.mem.size = key.count
                values.append(keyValue)
            }

            for header in message.headers {
                var headerValue = rd_kafka_vu_t()
                headerValue.vtype = RD_KAFKA_VTYPE_HEADER
                headerValue.u.header.name = arena.cString(header.key)
                headerValue.u.header.val = UnsafeRawPointer(arena.bytes(header.value))
                headerValue.u.header.size = header.value.count
                values.append(headerValue)
            }

            var opaqueValue = rd_kafka_vu_t()
            opaqueValue.vtype = RD_KAFKA_VTYPE_OPAQUE
            opaqueValue.u.ptr = opaque.toOpaque()
            values.append(opaqueValue)

            return values.withUnsafeBufferPointer { rd_kafka_produceva(handle.pointer, $0.baseAddress, $0.count) }
        }
        guard let error else { return nil }
        opaque.release()
        return KafkaError(consuming: error, context: "cannot enqueue a message for \(message.topic)")
    }

    /// Waits for outstanding messages, serving delivery reports. Blocking.
    func flush(timeoutMilliseconds: Int32) -> Bool {
        rd_kafka_flush(handle.pointer, timeoutMilliseconds) == RD_KAFKA_RESP_ERR_NO_ERROR
    }

    /// Fails every queued and in-flight message; their delivery reports (with a purge error) are
    /// served by the next poll.
    func purgeOutstandingMessages() {
        rd_kafka_purge(handle.pointer, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
    }
}
