import CLibPQ
import Foundation

extension LibPQ {
    /// Waits up to `timeoutMilliseconds` for NOTIFY messages on a LISTENing connection; returns
    /// how many arrived (already-buffered ones count without waiting). Blocking.
    static func awaitNotifications(_ connection: OpaquePointer, timeoutMilliseconds: Int32) -> Result<Int, PostgresError> {
        guard PQconsumeInput(connection) == 1 else { return .failure(lost(connection)) }
        var count = drainNotifications(connection)
        guard count == 0 else { return .success(count) }
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else { return .failure(lost(connection)) }
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        guard ready >= 0 || errno == EINTR else { return .failure(lost(connection)) }
        guard ready > 0 else { return .success(0) }
        guard PQconsumeInput(connection) == 1 else { return .failure(lost(connection)) }
        count = drainNotifications(connection)
        return .success(count)
    }

    private static func drainNotifications(_ connection: OpaquePointer) -> Int {
        var count = 0
        while let notification = PQnotifies(connection) {
            PQfreemem(notification)
            count += 1
        }
        return count
    }

    private static func lost(_ connection: OpaquePointer) -> PostgresError {
        PostgresError(code: .connectionLost, serverMessage: connectionMessage(connection))
    }
}
