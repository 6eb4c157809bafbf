import Foundation
import Postgres

/// Every admin state change leaves a row: who, what, on which item.
enum Audit {
    static func record(actor: UUID?, action: String, target: String, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "INSERT INTO audit_log (actor, action, target) VALUES (\(actor), \(action), \(target))")
    }
}
