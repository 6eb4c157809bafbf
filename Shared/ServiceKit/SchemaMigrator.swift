import Foundation
import Logging
import Outbox
import Postgres

/// Applies the outbox's and then the service's migrations, waiting (with backoff) while the
/// database is unreachable so a service started before PostgreSQL recovers by itself.
struct SchemaMigrator {
    /// The service's own `Migrations/` folder.
    let migrations: URL?
    let schema: String
    let pool: PostgresPool
    let logger: Logger

    func migrate() async throws {
        let runner = MigrationRunner(pool: pool, schema: schema, logger: logger)
        try await runner.apply(component: OutboxMigrations.component, migrations: OutboxMigrations.load())
        try await runner.apply(component: AuditMigrations.component, migrations: AuditMigrations.load())
        if let directory = migrations {
            try await runner.apply(component: "service", migrations: MigrationRunner.load(directory: directory))
        }
    }

    func migrateWaitingForDatabase() async throws {
        var delay = Duration.milliseconds(500)
        while true {
            do {
                return try await migrate()
            } catch let error as PostgresError where error.isConnectionError {
                logger.warning("database unreachable; retrying migrations", metadata: ["retry_in": "\(delay)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(10))
            }
        }
    }
}
