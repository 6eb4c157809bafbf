import Contracts
import Foundation
import PersonalData
import Postgres
import ServiceKit

/// Every statement on accounts (persons and officials).
enum AccountStore {
    static func load(id: UUID, on connection: PostgresConnection, forUpdate: Bool = false) async throws -> Account? {
        var query: PostgresQuery = "SELECT \(unescaped: Account.columns) FROM accounts WHERE id = \(id)"
        if forUpdate { query.appendUnescaped(" FOR UPDATE") }
        return try await connection.query(query).first.map(Account.init(row:))
    }

    static func load(username: String, on connection: PostgresConnection) async throws -> Account? {
        try await connection.query("SELECT \(unescaped: Account.columns) FROM accounts WHERE username = \(username)")
            .first.map(Account.init(row:))
    }

    /// A 400 on `username` when it is taken.
    static func requireFreeUsername(_ username: String, on connection: PostgresConnection) async throws {
        if try await !connection.query("SELECT 1 FROM accounts WHERE username = \(username)").isEmpty {
            throw APIError(.conflict, code: "already_registered", message: "is taken", field: "username")
        }
    }

    static func idNumberTaken(hash: Data, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.query("SELECT 1 FROM accounts WHERE id_number_hash = \(hash)").isEmpty
    }

    static func insertPerson(
        id: UUID, username: String, realName: String, idNumber: SealedField, idNumberHash: Data, passwordHash: String,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO accounts (id, kind, username, real_name, id_number_key_id, id_number_sealed, id_number_hash, password_hash)
            VALUES (\(id), 'person', \(username), \(realName), \(idNumber.keyID), \(idNumber.ciphertext), \(idNumberHash),
                    \(passwordHash))
            """)
    }

    /// `firstSignIn` makes the official change the password and bind a phone at the first sign-in.
    static func insertOfficial(
        id: UUID, username: String, realName: String, passwordHash: String, unitID: UUID, region: String,
        roles: [OfficialRole], title: String?, firstSignIn: Bool, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO accounts (id, kind, username, real_name, password_hash, must_change_password,
                phone_binding_required, unit_id, region, roles, title)
            VALUES (\(id), 'official', \(username), \(realName), \(passwordHash), \(firstSignIn), \(firstSignIn), \(unitID),
                    \(region), \(roles.map(\.rawValue)), \(title))
            """)
    }

    /// The region of a unit, or a 400 on `unitID`.
    static func unitRegion(_ unitID: UUID, on connection: PostgresConnection) async throws -> String {
        guard let row = try await connection.query("SELECT region FROM units WHERE id = \(unitID)").first else {
            throw APIError.unknown("unitID", "is not a known unit")
        }
        return try row.decode("region", as: String.self)
    }

    /// Officials by username, each shown as `view` makes it.
    static func officials<View>(
        role: OfficialRole?, unitID: UUID?, paging: Paging, on connection: PostgresConnection, _ view: (Account) throws -> View
    ) async throws -> Page<View> {
        var query: PostgresQuery = "SELECT \(unescaped: Account.columns) FROM accounts WHERE kind = 'official'"
        if let role { query.append(" AND \(role.rawValue) = ANY(roles)") }
        if let unitID { query.append(" AND unit_id = \(unitID)") }
        return try await connection.page(query, orderBy: "username", paging: paging) { try view(Account(row: $0)) }
    }

    /// Writes an official's profile fields (name, unit, region, roles, title, active).
    static func updateOfficial(_ account: Account, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE accounts SET real_name = \(account.realName), unit_id = \(account.unitID), region = \(account.region),
                roles = \(account.roles), title = \(account.title), active = \(account.active), updated_at = now()
            WHERE id = \(account.id)
            """)
    }

    /// One's own new password.
    static func setPassword(_ hash: String, of id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE accounts SET password_hash = \(hash), updated_at = now() WHERE id = \(id)")
    }

    /// An admin's reset: a temporary password that must be changed at the next sign-in.
    static func resetPassword(_ hash: String, of id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE accounts SET password_hash = \(hash), must_change_password = true, updated_at = now() WHERE id = \(id)")
    }

    /// The forced change done: the new password, and no more pending change or phone binding.
    static func completeForcedChange(_ id: UUID, passwordHash: String, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE accounts SET password_hash = \(passwordHash), must_change_password = false,
                phone_binding_required = false, updated_at = now() WHERE id = \(id)
            """)
    }

    static func setPhone(_ sealed: SealedField, hash: Data, of id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE accounts SET phone_key_id = \(sealed.keyID), phone_sealed = \(sealed.ciphertext),
                phone_hash = \(hash), updated_at = now() WHERE id = \(id)
            """)
    }
}
