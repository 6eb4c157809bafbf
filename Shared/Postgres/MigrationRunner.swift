import Logging

/// Applies numbered migrations to one service's schema at start-up.
///
/// A run holds `pg_advisory_lock` (keyed on the schema) on one connection throughout, so
/// instances starting together apply each migration once. Applied migrations are recorded per
/// component in `<schema>.schema_migrations` with PostgreSQL's `md5` of their SQL; an applied
/// migration whose SQL has changed is an error. Each migration runs in its own transaction with
/// `SET LOCAL search_path TO <schema>, public` and is recorded in that same transaction.
public struct MigrationRunner: Sendable {
    public let pool: PostgresPool
    public let schema: String
    private let logger: Logger

    public init(pool: PostgresPool, schema: String, logger: Logger) {
        self.pool = pool
        self.schema = schema
        self.logger = logger
    }

    /// Applies those of `migrations` not yet recorded for `component`, in version order.
    /// Components of one schema (e.g. "outbox", then "service") are applied in the order the
    /// caller runs them.
    public func apply(component: String, migrations: [Migration]) async throws {
        let ordered = try Self.validated(migrations)
        try await pool.withConnection { connection in
            let lockKey = "qinqing.migrations." + schema
            try await connection.run("SELECT pg_advisory_lock(hashtextextended(\(lockKey), 0))", cancellable: true)
            do {
                try await applyLocked(component: component, migrations: ordered, on: connection)
            } catch {
                _ = try? await connection.run(
                    "SELECT pg_advisory_unlock(hashtextextended(\(lockKey), 0))", cancellable: false)
                throw error
            }
            try await connection.run("SELECT pg_advisory_unlock(hashtextextended(\(lockKey), 0))", cancellable: false)
        }
    }

    private func applyLocked(component: String, migrations: [Migration], on connection: PostgresConnection)
        async throws
    {
        let quotedSchema = PostgresQuery.quoteIdentifier(schema)
        // A service role owns its schema but may not create schemas (CREATE SCHEMA IF NOT EXISTS
        // still needs that privilege), so create it only when it is missing.
        let existing = try await connection.query(
            "SELECT 1 AS present FROM pg_namespace WHERE nspname = \(schema)")
        if existing.isEmpty {
            try await connection.runScript("CREATE SCHEMA IF NOT EXISTS \(quotedSchema)", cancellable: true)
        }
        try await connection.runScript(
            """
            CREATE TABLE IF NOT EXISTS \(quotedSchema).schema_migrations (
                component text NOT NULL,
                version integer NOT NULL,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version)
            )
            """, cancellable: true)
        var applied: [Int: String] = [:]
        for row in try await connection.query(
            "SELECT version, checksum FROM \(identifier: schema).schema_migrations WHERE component = \(component)")
        {
            applied[try row.decode("version", as: Int.self)] = try row.decode("checksum", as: String.self)
        }
        let checksums = try await connection.query(
            "SELECT md5(s) FROM unnest(\(migrations.map(\.sql))::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n"
        ).map { try $0.decode(0, as: String.self) }

        var appliedCount = 0
        for (migration, checksum) in zip(migrations, checksums) {
            if let recorded = applied[migration.version] {
                guard recorded == checksum else {
                    throw PostgresError(
                        code: .invalidMigration,
                        context: "migration \(component)/\(migration.label) in schema \(schema) changed after it was applied")
                }
                continue
            }
            try await apply(migration, component: component, checksum: checksum, on: connection)
            appliedCount += 1
            logger.info(
                "applied migration",
                metadata: [
                    "postgres.schema": "\(schema)", "postgres.migration.component": "\(component)",
                    "postgres.migration": "\(migration.label)",
                ])
        }
        logger.debug(
            "migrations up to date",
            metadata: [
                "postgres.schema": "\(schema)", "postgres.migration.component": "\(component)",
                "postgres.migration.applied": "\(appliedCount)",
            ])
    }

    private func apply(_ migration: Migration, component: String, checksum: String, on connection: PostgresConnection)
        async throws
    {
        do {
            try await connection.runScript("BEGIN", cancellable: true)
            try await connection.runScript(
                "SET LOCAL search_path TO \(PostgresQuery.quoteIdentifier(schema)), public", cancellable: true)
            try await connection.runScript(migration.sql, cancellable: true)
            try await connection.run(
                """
                INSERT INTO \(identifier: schema).schema_migrations (component, version, name, checksum)
                VALUES (\(component), \(Int32(migration.version)), \(migration.name), \(checksum))
                """, cancellable: true)
            let commit = try await connection.runScript("COMMIT", cancellable: false)
            guard commit.commandTag != "ROLLBACK" else {
                throw PostgresError(code: .transactionAborted)
            }
        } catch {
            _ = try? await connection.runScript("ROLLBACK", cancellable: false)
            let context = "migration \(component)/\(migration.label) in schema \(schema) failed and was rolled back"
            guard let error = error as? PostgresError else { throw error }
            let code = error.code == .queryFailed || error.code == .transactionAborted ? .migrationFailed : error.code
            throw PostgresError(
                code: code, sqlState: error.sqlState, constraintName: error.constraintName,
                serverMessage: error.serverMessage, context: context)
        }
    }
}
