import Logging

/// One database session, lent out by `PostgresPool`. Calls on it are serialised on the
/// connection's own queue; do not keep it after the pool's closure returns.
public final class PostgresConnection: Sendable {
    let handle: LibPQHandle
    let id: Int
    private let logger: Logger

    private init(handle: LibPQHandle, id: Int, logger: Logger) {
        self.handle = handle
        self.id = id
        self.logger = logger
    }

    /// Runs a statement with its parameters bound and returns all rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await run(query, cancellable: true)
    }

    /// Runs a statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await run(query, cancellable: true).affectedRows
    }

    @discardableResult
    func run(_ query: PostgresQuery, cancellable: Bool) async throws -> PostgresRows {
        let sql = query.sql
        let binds = query.binds
        let handle = handle
        return try await handle.run(cancellable: cancellable) { connection in
            handle.executePrepared(connection, sql: sql, binds: binds)
        }
    }

    /// Runs trusted SQL that may hold several statements and no parameters (migrations,
    /// transaction control).
    @discardableResult
    func runScript(_ sql: String, cancellable: Bool) async throws -> PostgresRows {
        try await handle.run(cancellable: cancellable) { connection in
            LibPQ.executeScript(connection, sql: sql)
        }
    }

    /// Whether an idle connection can be lent out (local state and a poll without waiting: checked
    /// on the calling thread).
    func isUsable() -> Bool {
        handle.inspect { $0.map(LibPQ.isUsable) ?? false }
    }

    /// Rolls back a leftover transaction; false when the connection must be discarded. The usual
    /// case, an idle session, is seen on the calling thread; a rollback goes through the queue.
    func resetForReuse() async -> Bool {
        if handle.inspect({ $0.map(LibPQ.isIdle) ?? false }) { return true }
        return (try? await handle.run(cancellable: false) { .success(LibPQ.resetForReuse($0)) }) ?? false
    }

    func close() async {
        await handle.close()
        logger.debug("postgres connection closed", metadata: ["postgres.connection": "\(id)"])
    }

    static func connect(configuration: PostgresConfiguration, id: Int, logger: Logger) async throws
        -> PostgresConnection
    {
        var parameters: [(String, String)] = [
            ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"),
            ("keepalives_count", "3"), ("fallback_application_name", "qinqing"),
            ("dbname", configuration.url),
            ("connect_timeout", String(configuration.connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
        ]
        if let name = configuration.applicationName { parameters.append(("application_name", name)) }
        var setup = """
            SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, MDY'; SET bytea_output TO 'hex'; \
            SET extra_float_digits TO 3; SET plan_cache_mode TO force_custom_plan;
            """
        if let searchPath = configuration.searchPath {
            setup += " SET search_path TO \(PostgresQuery.quoteIdentifier(searchPath)), public;"
        }
        do {
            let handle = try await LibPQHandle.connect(
                parameters: parameters, setup: setup, label: "pg-conn-\(id)")
            logger.debug("postgres connection opened", metadata: ["postgres.connection": "\(id)"])
            return PostgresConnection(handle: handle, id: id, logger: logger)
        } catch {
            logger.debug("postgres connection failed", metadata: ["postgres.error": "\(error)"])
            throw error
        }
    }
}
