import Contracts
import Logging
import Messaging

/// Creates a service's topics and their dead-letter twins explicitly at start-up (the broker's
/// auto-creation is never relied on). A broker that is down is not fatal: the relay waits for it.
struct TopicProvisioner {
    let brokers: String
    let logger: Logger
    var partitions: Int32 = 6

    func ensure(_ topics: [Topic]) async {
        do {
            let admin = try KafkaAdmin(bootstrapServers: brokers, logger: logger)
            try await admin.createTopics(topics.map(\.name), partitions: partitions)
            try await admin.createTopics(topics.map(\.deadLetter.name), partitions: 1)
        } catch {
            logger.warning("could not create topics; the relay retries until they exist", metadata: ["error": "\(error)"])
        }
    }
}
