import CRdKafka
import Foundation

extension RDKafkaClient {
    enum PollResult: Sendable {
        case nothing
        case message(KafkaIncomingMessage)
        case error(KafkaError)
    }

    /// Routes the main queue (errors, logs) to the consumer queue, so `consumerPoll` serves them.
    func redirectMainQueueToConsumer() {
        rd_kafka_poll_set_consumer(handle.pointer)
    }

    func subscribe(to topics: [String]) throws(KafkaError) {
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics {
            rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA)
        }
        let error = rd_kafka_subscribe(handle.pointer, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(rdKafka: error, context: "cannot subscribe to \(topics)")
        }
    }

    /// Polls for one message or consumer error. Blocking (up to `timeoutMilliseconds`).
    func consumerPoll(timeoutMilliseconds: Int32) -> PollResult {
        guard let message = rd_kafka_consumer_poll(handle.pointer, timeoutMilliseconds) else { return .nothing }
        defer { rd_kafka_message_destroy(message) }
        let error = message.pointee.err
        if error == RD_KAFKA_RESP_ERR__FATAL {
            return .error(.fatal(on: handle.pointer, context: "consumer"))
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) }
            return .error(KafkaError(rdKafka: error, context: topic.map { "consumer error on \($0)" } ?? "consumer error"))
        }
        return .message(Self.incomingMessage(message))
    }

    /// Polls up to `maxMessages`: waits up to `timeoutMilliseconds` for the first, then takes only
    /// what is already fetched. An error ends the batch (it is the last element). Blocking unless
    /// `timeoutMilliseconds` is 0.
    func consumerPollBatch(timeoutMilliseconds: Int32, maxMessages: Int) -> [PollResult] {
        var results: [PollResult] = []
        var timeout = timeoutMilliseconds
        while results.count < maxMessages {
            let result = consumerPoll(timeoutMilliseconds: timeout)
            switch result {
            case .nothing:
                return results
            case .error:
                results.append(result)
                return results
            case .message:
                results.append(result)
                timeout = 0
            }
        }
        return results
    }

    private static func incomingMessage(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaIncomingMessage {
        let raw = message.pointee
        let topic = raw.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let key = raw.key.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        let value = raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []

        var headers: [KafkaHeader] = []
        var headerList: OpaquePointer?
        if rd_kafka_message_headers(message, &headerList) == RD_KAFKA_RESP_ERR_NO_ERROR, let headerList {
            var index = 0
            var name: UnsafePointer<CChar>?
            var headerValue: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(headerList, index, &name, &headerValue, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let bytes = headerValue.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: bytes))
                index += 1
            }
        }

        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(message, &timestampType)
        let timestamp = milliseconds >= 0 ? Date(timeIntervalSince1970: Double(milliseconds) / 1_000) : nil

        return KafkaIncomingMessage(
            topic: topic, partition: raw.partition, offset: raw.offset, key: key, value: value,
            headers: headers, timestamp: timestamp)
    }

    /// Marks `offset` (the next offset to consume) for commit. Non-blocking.
    func storeOffset(topic: String, partition: Int32, offset: Int64) -> KafkaError? {
        let list = rd_kafka_topic_partition_list_new(1)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let element = rd_kafka_topic_partition_list_add(list, topic, partition)
        element?.pointee.offset = offset
        var error = rd_kafka_offsets_store(handle.pointer, list)
        if error == RD_KAFKA_RESP_ERR_NO_ERROR, let element, element.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
            error = element.pointee.err
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            return KafkaError(rdKafka: error, context: "cannot store offset \(offset) for \(topic)[\(partition)]")
        }
        return nil
    }

    /// Synchronously commits the stored offsets. Blocking. "Nothing to commit" is success.
    func commitStoredOffsets() -> KafkaError? {
        let error = rd_kafka_commit(handle.pointer, nil, 0)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            return KafkaError(rdKafka: error, context: "commit")
        }
        return nil
    }

    /// Leaves the group (committing stored offsets first, as auto-commit is on). Blocking.
    func closeConsumer() -> KafkaError? {
        let error = rd_kafka_consumer_close(handle.pointer)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            return KafkaError(rdKafka: error, context: "consumer close")
        }
        return nil
    }
}
