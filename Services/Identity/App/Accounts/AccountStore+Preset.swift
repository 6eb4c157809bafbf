import Foundation
import Postgres

extension AccountStore {
    /// The enterprise's own preset account (account guide item 13): a person account named by the
    /// enterprise's full name, with a temporary password to change at the first sign-in.
    static func insertPresetEnterpriseAccount(
        id: UUID, enterpriseName: String, passwordHash: String, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO accounts (id, kind, username, real_name, password_hash, must_change_password)
            VALUES (\(id), 'person', \(enterpriseName.lowercased()), \(enterpriseName), \(passwordHash), true)
            """)
    }
}
