import CRdKafka

/// The `rd_kafka_t *` of one client.
///
/// One of the two `@unchecked Sendable` types in Messaging (the other is `ConsumerWakeUp`'s queue
/// reference). It is sound because:
/// - librdkafka documents `rd_kafka_t` as thread-safe: produce, poll, flush, metadata, offsets
///   store, commit and close may be called from any thread, concurrently;
/// - the pointer is owned by exactly one `RDKafkaClient`, which destroys it in `deinit`, when no
///   other reference to the client (and so to this wrapper) exists any more;
/// - it never leaves the Internal folder.
struct RDKafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
