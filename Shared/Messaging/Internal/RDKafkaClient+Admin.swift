import CRdKafka

extension RDKafkaClient {
    /// Creates topics and waits for the result. Blocking (up to `timeoutMilliseconds` plus a
    /// margin). Returns the error of each topic that failed; "already exists" is not an error.
    func createTopics(
        _ names: [String], partitions: Int32, replicationFactor: Int16, timeoutMilliseconds: Int32
    ) throws(KafkaError) -> [String: KafkaError] {
        var buffer = [CChar](repeating: 0, count: 512)
        func reason() -> String { buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } }

        var newTopics: [OpaquePointer?] = []
        defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
        for name in names {
            guard let topic = rd_kafka_NewTopic_new(name, partitions, Int32(replicationFactor), &buffer, buffer.count) else {
                throw KafkaError(code: .topicCreation, message: "invalid topic \(name): \(reason())")
            }
            newTopics.append(topic)
        }

        let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMilliseconds, &buffer, buffer.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMilliseconds, &buffer, buffer.count)

        let resultQueue = rd_kafka_queue_new(handle.pointer)
        defer { rd_kafka_queue_destroy(resultQueue) }
        newTopics.withUnsafeMutableBufferPointer { topics in
            rd_kafka_CreateTopics(handle.pointer, topics.baseAddress, topics.count, options, resultQueue)
        }

        guard let event = rd_kafka_queue_poll(resultQueue, timeoutMilliseconds &+ 5_000) else {
            throw KafkaError(code: .timedOut, message: "creating topics \(names) timed out", isRetriable: true)
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        guard eventError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let message = rd_kafka_event_error_string(event).map { String(cString: $0) }
            throw KafkaError(rdKafka: eventError, reason: message, context: "creating topics \(names)")
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw KafkaError(code: .topicCreation, message: "unexpected admin result for \(names)")
        }

        var count = 0
        let results = rd_kafka_CreateTopics_result_topics(result, &count)
        var failures: [String: KafkaError] = [:]
        for index in 0..<count {
            guard let topicResult = results?[index] else { continue }
            let error = rd_kafka_topic_result_error(topicResult)
            guard error != RD_KAFKA_RESP_ERR_NO_ERROR, error != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS else { continue }
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let message = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) }
            var failure = KafkaError(rdKafka: error, reason: message, context: "creating topic \(name)")
            failure.code = .topicCreation
            failures[name] = failure
        }
        return failures
    }
}

extension RDKafkaClient {
    /// The high watermark (next offset to be written) of each partition of `topic`. Blocking.
    func highWatermarks(topic: String, timeoutMilliseconds: Int32) throws(KafkaError) -> [Int32: Int64] {
        let partitions = try partitionCounts(of: [topic], timeoutMilliseconds: timeoutMilliseconds)[topic] ?? 0
        guard partitions > 0 else {
            throw KafkaError(code: .unknownTopic, message: "topic \(topic) not found")
        }
        var result: [Int32: Int64] = [:]
        for partition in 0..<Int32(partitions) {
            var low: Int64 = 0
            var high: Int64 = 0
            let error = rd_kafka_query_watermark_offsets(handle.pointer, topic, partition, &low, &high, timeoutMilliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(rdKafka: error, context: "watermarks of \(topic)[\(partition)]")
            }
            result[partition] = high
        }
        return result
    }
}
