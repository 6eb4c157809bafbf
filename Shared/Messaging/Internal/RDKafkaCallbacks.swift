import CRdKafka
import Logging

/// Per-client state the C callbacks reach through `rd_kafka_opaque(rk)`. The owning
/// `RDKafkaClient` keeps it retained until after `rd_kafka_destroy`.
final class RDKafkaCallbackContext: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaCallbackContext? {
        opaque.map { Unmanaged<RDKafkaCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// The C callbacks. None captures context: they find it through the opaque pointers.
enum RDKafkaCallbacks {
    /// `log_cb`: librdkafka's internal log lines, on librdkafka's threads.
    static let log: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
        handle, level, facility, line in
        guard let handle, let context = RDKafkaCallbackContext.from(rd_kafka_opaque(handle)) else { return }
        let logLevel: Logger.Level =
            switch level {
            case ...3: .error
            case 4: .warning
            case 5: .notice
            case 6: .info
            default: .debug
            }
        context.logger.log(
            level: logLevel, "\(line.map { String(cString: $0) } ?? "")",
            metadata: ["librdkafka.facility": "\(facility.map { String(cString: $0) } ?? "")"])
    }

    /// `error_cb`: client-level errors (brokers down, fatal errors), served by poll.
    static let error: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
        _, code, reason, opaque in
        guard let context = RDKafkaCallbackContext.from(opaque) else { return }
        let error = rd_kafka_resp_err_t(rawValue: code)
        let name = String(cString: rd_kafka_err2name(error))
        let level: Logger.Level = error == RD_KAFKA_RESP_ERR__FATAL ? .critical : .warning
        context.logger.log(
            level: level, "librdkafka error: \(reason.map { String(cString: $0) } ?? name)",
            metadata: ["kafka.error": "\(name)"])
    }

    /// `dr_msg_cb`: one delivery report per produced message, served by `rd_kafka_poll`/`flush`.
    /// The message's `_private` is the retained `DeliveryCompletion` passed at produce time.
    static let deliveryReport: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
        _, message, _ in
        guard let message, let opaque = message.pointee._private else { return }
        let completion = Unmanaged<DeliveryCompletion>.fromOpaque(opaque).takeRetainedValue()
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let error = message.pointee.err
        if error == RD_KAFKA_RESP_ERR_NO_ERROR {
            completion.complete(
                .success(KafkaDeliveryReport(topic: topic, partition: message.pointee.partition, offset: message.pointee.offset)))
        } else {
            completion.complete(.failure(KafkaError(rdKafka: error, context: "delivery to \(topic) failed")))
        }
    }
}
