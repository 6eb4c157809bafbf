import Logging
import Messaging

/// Refuses to start the local run with a librdkafka that cannot talk to tansu.
enum KafkaRuntimeCheck {
    static func verify(environment: ServiceConfiguration.Environment, logger: Logger) throws {
        logger.info("librdkafka runtime", metadata: ["version": "\(Librdkafka.version)"])
        if environment == .local {
            try Librdkafka.requireAtLeast2_2()
        }
    }
}
