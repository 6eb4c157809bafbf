import Logging

extension KafkaConsumer {
    /// Handles fetched messages: all at once through the batch handler when there is one, else (or
    /// when the batch handler fails) one by one. Returns false when the consumer must stop.
    func processBatch(_ messages: [KafkaIncomingMessage]) async -> Bool {
        if let batchHandler, messages.count > 1 {
            do {
                try await batchHandler(messages)
                for message in messages {
                    storeOffset(after: message, logger: logger)
                }
                return true
            } catch {
                if Task.isCancelled || shouldStop { return false }
                logger.notice("Kafka batch failed; handling its messages one by one", metadata: ["error": "\(error)"])
            }
        }
        for message in messages {
            if shouldStop || Task.isCancelled { return false }
            guard await process(message) else { return false }
        }
        return true
    }

    /// Handles one message to completion: handled, dead-lettered or (on stop) abandoned unstored.
    /// Returns false when the consumer must stop without processing further messages.
    func process(_ message: KafkaIncomingMessage) async -> Bool {
        var logger = self.logger
        logger[metadataKey: "kafka.topic"] = "\(message.topic)"
        logger[metadataKey: "kafka.partition"] = "\(message.partition)"
        logger[metadataKey: "kafka.offset"] = "\(message.offset)"

        var attempt = 0
        while true {
            attempt += 1
            do {
                try await handler(message)
                storeOffset(after: message, logger: logger)
                return true
            } catch let poison as KafkaPoisonMessage {
                logger.warning("Kafka message is poison", metadata: ["reason": "\(poison.reason)"])
                return await deadLetter(message, reason: poison.reason, attempts: attempt, logger: logger)
            } catch {
                if Task.isCancelled || shouldStop {
                    logger.notice("Kafka handler failed while stopping; message will be redelivered", metadata: ["error": "\(error)"])
                    return false
                }
                if let unavailable = error as? KafkaDependencyUnavailable {
                    logger.warning("Kafka handler waits for \(unavailable.dependency)", metadata: ["attempt": "\(attempt)"])
                    guard await sleepUnlessStopped(configuration.backoff(afterFailedAttempts: attempt)) else { return false }
                    attempt = min(attempt, configuration.maxAttempts - 1)
                    continue
                }
                guard attempt < configuration.maxAttempts else {
                    logger.error("Kafka handler failed; attempts exhausted", metadata: ["error": "\(error)", "attempts": "\(attempt)"])
                    return await deadLetter(message, reason: String(describing: error), attempts: attempt, logger: logger)
                }
                logger.warning("Kafka handler failed; will retry", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                guard await sleepUnlessStopped(configuration.backoff(afterFailedAttempts: attempt)) else {
                    logger.notice("Kafka consumer stopping during retry; message will be redelivered")
                    return false
                }
            }
        }
    }

    /// Publishes `message` to `<topic>.dlq` (awaiting the delivery report) and then stores its
    /// offset. Retries publishing until it succeeds or the consumer stops.
    private func deadLetter(_ message: KafkaIncomingMessage, reason: String, attempts: Int, logger: Logger) async -> Bool {
        guard let deadLetterProducer else {
            logger.error("Kafka message skipped (dead-lettering disabled)", metadata: ["reason": "\(reason)"])
            storeOffset(after: message, logger: logger)
            return true
        }
        let outgoing = KafkaOutgoingMessage(
            topic: KafkaConsumerConfiguration.deadLetterTopic(for: message.topic), key: message.key,
            value: message.value,
            headers: message.headers + [
                KafkaHeader(key: "dlq_reason", string: reason),
                KafkaHeader(key: "dlq_original_topic", string: message.topic),
                KafkaHeader(key: "dlq_original_partition", string: String(message.partition)),
                KafkaHeader(key: "dlq_original_offset", string: String(message.offset)),
                KafkaHeader(key: "dlq_attempts", string: String(attempts)),
            ])
        var failures = 0
        while true {
            do {
                let report = try await deadLetterProducer.send(outgoing)
                logger.warning(
                    "Kafka message dead-lettered",
                    metadata: ["kafka.dlq.topic": "\(report.topic)", "kafka.dlq.offset": "\(report.offset)"])
                storeOffset(after: message, logger: logger)
                return true
            } catch {
                failures += 1
                logger.error("Kafka dead-lettering failed; offset not stored", metadata: ["error": "\(error)", "failures": "\(failures)"])
                guard !Task.isCancelled, !shouldStop, await sleepUnlessStopped(configuration.backoff(afterFailedAttempts: failures)) else {
                    return false
                }
            }
        }
    }

    private func storeOffset(after message: KafkaIncomingMessage, logger: Logger) {
        if let error = client.storeOffset(topic: message.topic, partition: message.partition, offset: message.offset + 1) {
            // Typically the partition was revoked meanwhile; its new owner will redeliver.
            logger.notice("Kafka offset not stored", metadata: ["error": "\(error)"])
        }
    }

    /// Sleeps in short slices; returns false as soon as the consumer is asked to stop.
    private func sleepUnlessStopped(_ duration: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        while clock.now < deadline {
            if shouldStop || Task.isCancelled { return false }
            try? await Task.sleep(for: min(.milliseconds(50), deadline - clock.now))
        }
        return !shouldStop && !Task.isCancelled
    }
}
