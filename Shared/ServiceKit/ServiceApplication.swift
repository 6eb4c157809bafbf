import Contracts
import Foundation
import Hummingbird
import Logging
import Messaging
import Outbox
import Postgres
import ServiceLifecycle

/// Starts one service: checks the Kafka runtime, migrates its schema, and runs HTTP, the outbox
/// relay, its consumers and background jobs in one ServiceGroup that shuts down in reverse order
/// on SIGTERM.
public enum ServiceApplication {
    public static func run<Runtime>(_ definition: ServiceDefinition<Runtime>, configuration: ServiceConfiguration) async throws {
        let logger = makeLogger(definition.service, configuration)
        let dependencies = try await prepare(definition, configuration: configuration, logger: logger)
        let pool = dependencies.pool
        do {
            let runtime: Runtime
            do {
                runtime = try await definition.makeRuntime(dependencies)
            } catch {
                logger.critical("start-up refused", metadata: ["error": "\(error)"])
                throw error
            }
            try await application(definition, runtime: runtime, dependencies: dependencies).runService()
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        logger.info("stopped")
    }

    public static func makeLogger(_ service: ProducingService, _ configuration: ServiceConfiguration) -> Logger {
        LoggingSystem.bootstrapJSON(level: configuration.logLevel)
        var logger = Logger(label: "qinqing.\(service.rawValue)")
        logger.logLevel = configuration.logLevel
        logger[metadataKey: "service"] = .string(service.rawValue)
        return logger
    }

    /// Creates the clients and brings the schema up to date; waits for the database if it is down.
    /// Tests call this, `definition.makeRuntime` and `application(_:runtime:dependencies:)` to run a
    /// service in-process (they may replace `dependencies.tokens` with a verifier that trusts a test signer).
    public static func prepare<Runtime>(
        _ definition: ServiceDefinition<Runtime>, configuration: ServiceConfiguration, logger: Logger
    ) async throws -> ServiceDependencies {
        try KafkaRuntimeCheck.verify(environment: configuration.environment, logger: logger)
        let pool = PostgresPool(
            configuration: .init(
                url: configuration.postgresURL, poolSize: configuration.postgresPoolSize,
                searchPath: configuration.schema, applicationName: "qinqing-\(definition.service.rawValue)"),
            logger: logger)
        try await SchemaMigrator(migrations: definition.migrationsDirectory, schema: configuration.schema, pool: pool, logger: logger)
            .migrateWaitingForDatabase()
        let producer = try KafkaProducer(
            configuration: .init(
                bootstrapServers: configuration.kafkaBrokers, clientID: "qinqing-\(definition.service.rawValue)"),
            logger: logger)
        await TopicProvisioner(brokers: configuration.kafkaBrokers, logger: logger)
            .ensure(definition.service.topics)
        return ServiceDependencies(
            configuration: configuration, logger: logger, pool: pool, producer: producer,
            outbox: OutboxWriter(producer: definition.service),
            tokens: TokenVerifier(identityURL: configuration.identityURL, logger: logger))
    }

    /// The HTTP application with the relay, consumers and background jobs as its services, all
    /// sharing the one `runtime`.
    public static func application<Runtime>(
        _ definition: ServiceDefinition<Runtime>, runtime: Runtime, dependencies: ServiceDependencies
    ) throws -> some ApplicationProtocol {
        let configuration = dependencies.configuration
        let logger = dependencies.logger
        let pool = dependencies.pool
        let producer = dependencies.producer
        let router = ServiceRouter.build(
            checks: [
                ReadinessCheck(name: "postgres") { await pool.isReachable() },
                ReadinessCheck(name: "kafka") { await producer.isBrokerReachable(timeout: .seconds(2)) },
            ],
            verifier: dependencies.tokens,
            openAPI: definition.openAPIDocument
        ) { router in definition.routes(router, runtime) }

        var services: [any Service] = [producer]
        var relayConfiguration = OutboxRelayConfiguration(schema: configuration.schema)
        relayConfiguration.retention = configuration.outboxRetention
        services.append(
            OutboxRelay(pool: pool, producer: producer, configuration: relayConfiguration, logger: logger))
        for consumer in definition.consumers(runtime) {
            var consumerConfiguration = KafkaConsumerConfiguration(
                bootstrapServers: configuration.kafkaBrokers, groupID: consumer.name, topics: consumer.topics.map(\.name),
                clientID: "qinqing-\(definition.service.rawValue)")
            consumerConfiguration.maxBatchSize = consumer.maxBatchSize
            services.append(
                try EventConsumer(
                    name: "\(definition.service.rawValue).\(consumer.name)", topics: consumer.topics,
                    pool: pool, handlers: consumer.handlers, configuration: consumerConfiguration, lanes: consumer.lanes,
                    logger: logger))
        }
        services.append(contentsOf: definition.jobs(runtime).map(ShutdownTolerantService.init))

        return Application(
            router: router,
            // No `serverName`: responses carry no `Server` header naming the service.
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            services: services,
            onServerRunning: { channel in
                logger.info(
                    "listening",
                    metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
            },
            logger: logger)
    }
}
