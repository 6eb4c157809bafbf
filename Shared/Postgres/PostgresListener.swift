import Logging

/// A dedicated session that LISTENs on one channel, so a waiting worker wakes as soon as a
/// transaction that NOTIFYs it commits, instead of polling.
public final class PostgresListener: Sendable {
    private let connection: PostgresConnection
    public let channel: String

    private init(connection: PostgresConnection, channel: String) {
        self.connection = connection
        self.channel = channel
    }

    /// Opens a session outside any pool and starts listening on `channel`.
    public static func listen(
        configuration: PostgresConfiguration, channel: String, logger: Logger
    ) async throws -> PostgresListener {
        let connection = try await PostgresConnection.connect(configuration: configuration, id: -1, logger: logger)
        do {
            try await connection.runScript("LISTEN \(PostgresQuery.quoteIdentifier(channel))", cancellable: false)
        } catch {
            await connection.close()
            throw error
        }
        return PostgresListener(connection: connection, channel: channel)
    }

    /// Waits until a notification arrives (true) or `timeout` passes (false). Throws when the
    /// session is lost; open a new listener then.
    public func wait(timeout: Duration) async throws -> Bool {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return try await connection.handle.run(cancellable: false) { pointer in
            LibPQ.awaitNotifications(pointer, timeoutMilliseconds: milliseconds)
        } > 0
    }

    public func close() async {
        await connection.close()
    }
}
