/// The one error type of the Messaging module.
///
/// `code` is an extensible set of categories; `rdKafkaErrorName` carries librdkafka's own name
/// (for example `_MSG_TIMED_OUT`) when the error came from librdkafka. Descriptions never contain
/// message keys or values.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        public var description: String { name }

        /// A configuration property was unknown or invalid, or a client could not be created.
        public static let configuration = Code("configuration")
        /// No broker could be reached (transport failure, all brokers down).
        public static let brokerUnavailable = Code("brokerUnavailable")
        /// An operation or a message delivery timed out.
        public static let timedOut = Code("timedOut")
        /// The local producer queue is full.
        public static let queueFull = Code("queueFull")
        /// The topic or partition does not exist.
        public static let unknownTopic = Code("unknownTopic")
        /// The record is larger than the broker or client allows.
        public static let messageTooLarge = Code("messageTooLarge")
        /// The client has shut down (or is shutting down); unsent messages were purged.
        public static let shutDown = Code("shutDown")
        /// The call is not valid in the client's current state (for example `run()` called twice).
        public static let invalidState = Code("invalidState")
        /// Creating a topic failed.
        public static let topicCreation = Code("topicCreation")
        /// librdkafka raised a fatal error; the client can no longer be used.
        public static let fatal = Code("fatal")
        /// The librdkafka loaded at run time is too old.
        public static let unsupportedRuntime = Code("unsupportedRuntime")
        /// Any other librdkafka or broker error; see `rdKafkaErrorName`.
        public static let broker = Code("broker")
    }

    public var code: Code
    public var message: String
    public var isRetriable: Bool
    public var isFatal: Bool
    /// librdkafka's name for the error (`rd_kafka_err2name`), when it came from librdkafka.
    public var rdKafkaErrorName: String?

    public init(
        code: Code, message: String, isRetriable: Bool = false, isFatal: Bool = false,
        rdKafkaErrorName: String? = nil
    ) {
        self.code = code
        self.message = message
        self.isRetriable = isRetriable
        self.isFatal = isFatal
        self.rdKafkaErrorName = rdKafkaErrorName
    }

    public var description: String {
        var text = "KafkaError(\(code)): \(message)"
        if let rdKafkaErrorName { text += " [\(rdKafkaErrorName)]" }
        if isFatal { text += " (fatal)" } else if isRetriable { text += " (retriable)" }
        return text
    }
}
