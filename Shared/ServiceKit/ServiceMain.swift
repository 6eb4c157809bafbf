import ArgumentParser
import Contracts
import Foundation
import Logging
import Outbox
import Postgres

/// The command line of every service executable: `serve` (the default), `migrate`, and
/// `republish --since <time>`, the recovery procedure after the broker lost data.
public enum ServiceMain {
    public static func run<Runtime>(_ definition: ServiceDefinition<Runtime>) async {
        do {
            let command = try ServiceCommand.parseAsRoot()
            guard let subcommand = command as? any ServiceSubcommand else {
                ServiceCommand.exit(withError: CleanExit.helpRequest(ServiceCommand.self))
            }
            let configuration = try ServiceConfiguration(service: definition.service)
            try await subcommand.run(definition, configuration: configuration)
        } catch {
            ServiceCommand.exit(withError: error)
        }
    }
}

protocol ServiceSubcommand: ParsableCommand {
    func run<Runtime>(_ definition: ServiceDefinition<Runtime>, configuration: ServiceConfiguration) async throws
}

struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent },
        abstract: "A Qinqing platform service. Settings come from QINQING_* environment variables.",
        subcommands: [Serve.self, Migrate.self, Republish.self],
        defaultSubcommand: Serve.self)
}

struct Serve: ServiceSubcommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the schema and serve HTTP, the relay and consumers.")

    func run<Runtime>(_ definition: ServiceDefinition<Runtime>, configuration: ServiceConfiguration) async throws {
        try await ServiceApplication.run(definition, configuration: configuration)
    }
}

struct Migrate: ServiceSubcommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and exit.")

    func run<Runtime>(_ definition: ServiceDefinition<Runtime>, configuration: ServiceConfiguration) async throws {
        let logger = ServiceApplication.makeLogger(definition.service, configuration)
        let pool = PostgresPool(
            configuration: .init(url: configuration.postgresURL, poolSize: 2, searchPath: configuration.schema),
            logger: logger)
        do {
            try await SchemaMigrator(migrations: definition.migrationsDirectory, schema: configuration.schema, pool: pool, logger: logger)
                .migrate()
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        logger.info("migrations applied")
    }
}

struct Republish: ServiceSubcommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark events that occurred at or after a time unpublished; the running relay sends them again.",
        discussion: """
            Use after the broker lost data (the local broker keeps topics in memory). Consumers \
            drop events they already applied, so republishing too much is harmless.
            """)

    @Option(help: "RFC 3339 time, e.g. 2026-11-21T08:00:00Z.", transform: { text in
        guard let date = EventTime.parse(text) else {
            throw ValidationError("--since must be an RFC 3339 time such as 2026-11-21T08:00:00Z")
        }
        return date
    })
    var since: Date

    func run<Runtime>(_ definition: ServiceDefinition<Runtime>, configuration: ServiceConfiguration) async throws {
        let logger = ServiceApplication.makeLogger(definition.service, configuration)
        let pool = PostgresPool(
            configuration: .init(url: configuration.postgresURL, poolSize: 1, searchPath: configuration.schema),
            logger: logger)
        let count = try await OutboxMaintenance(pool: pool).republish(since: since)
        await pool.shutdown()
        logger.info("events marked for republishing", metadata: ["events": "\(count)", "since": "\(EventTime.format(since))"])
    }
}
