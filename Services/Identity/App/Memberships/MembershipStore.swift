import Contracts
import Foundation
import Postgres
import ServiceKit

/// Every statement on membership applications and memberships.
enum MembershipStore {
    /// An application with its applicant's account (loaded in the same query).
    struct ApplicationRow: Sendable {
        var id: UUID
        var enterpriseID: UUID
        var enterpriseName: String
        var applicant: Account
        var note: String
        var status: String
        var reason: String?
        var createdAt: Date
    }

    /// A membership with its member's account (loaded in the same query).
    struct MembershipRow: Sendable {
        var id: UUID
        var enterpriseID: UUID
        var enterpriseName: String
        var member: Account
        var role: String
        var status: String
        var expiresAt: Date
        var grantedAt: Date
    }

    /// The account's columns, from the `u` alias, beside the list's own.
    private static let accountColumns = Account.columns.split(separator: ",")
        .map { "u." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    // MARK: Who holds what

    static func activeRole(of accountID: UUID, in enterpriseID: UUID, on connection: PostgresConnection) async throws
        -> AccessClaims.Membership.Role?
    {
        let row = try await connection.query(
            """
            SELECT role FROM memberships WHERE account_id = \(accountID) AND enterprise_id = \(enterpriseID)
              AND status = 'active' AND expires_at > now()
            """).first
        return try row.map { AccessClaims.Membership.Role(rawValue: try $0.decode("role", as: String.self)) ?? .member }
    }

    /// The account's active memberships in approved enterprises (only in `enterpriseID`, when given).
    static func activeMemberships(of accountID: UUID, in enterpriseID: UUID?, on connection: PostgresConnection) async throws
        -> [AccessClaims.Membership]
    {
        var query: PostgresQuery = """
            SELECT m.enterprise_id, e.uscc, m.role FROM memberships m JOIN enterprises e ON e.id = m.enterprise_id
            WHERE m.account_id = \(accountID) AND m.status = 'active' AND m.expires_at > now() AND e.status = 'approved'
            """
        if let enterpriseID { query.append(" AND m.enterprise_id = \(enterpriseID)") }
        return try await connection.query(query).map { row in
            AccessClaims.Membership(
                enterpriseID: try row.decode("enterprise_id", as: UUID.self), uscc: try row.decode("uscc", as: String.self),
                role: AccessClaims.Membership.Role(rawValue: try row.decode("role", as: String.self)) ?? .member)
        }
    }

    // MARK: Applications

    /// A 409 when an application to this enterprise is already pending.
    static func insertApplication(
        id: UUID, enterpriseID: UUID, accountID: UUID, note: String, on connection: PostgresConnection
    ) async throws {
        do {
            try await connection.execute(
                """
                INSERT INTO membership_applications (id, enterprise_id, account_id, note, status)
                VALUES (\(id), \(enterpriseID), \(accountID), \(note), 'pending')
                """)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError.conflict("cannot apply: an application to this enterprise is already pending")
        }
    }

    static func applicationEnterprise(_ id: UUID, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query("SELECT enterprise_id FROM membership_applications WHERE id = \(id)")
            .first?.decode("enterprise_id", as: UUID.self)
    }

    /// Locks a pending application; its applicant. 404 when unknown, 409 when already decided.
    static func lockPendingApplication(_ id: UUID, on connection: PostgresConnection) async throws -> UUID {
        guard let row = try await connection.query(
            "SELECT account_id, status FROM membership_applications WHERE id = \(id) FOR UPDATE").first
        else { throw APIError.notFound("application") }
        let status = try row.decode("status", as: String.self)
        guard status == "pending" else { throw APIError.conflict("cannot decide: the application is already \(status)") }
        return try row.decode("account_id", as: UUID.self)
    }

    static func decideApplication(
        _ id: UUID, status: String, reason: String?, by actor: UUID, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            UPDATE membership_applications SET status = \(status), reason = \(reason), decided_by = \(actor), decided_at = now()
            WHERE id = \(id)
            """)
    }

    /// Newest first, each shown as `view` makes it.
    static func applications<View>(
        id: UUID? = nil, enterpriseID: UUID? = nil, accountID: UUID? = nil, status: String? = nil, paging: Paging,
        on connection: PostgresConnection, _ view: (ApplicationRow) throws -> View
    ) async throws -> Page<View> {
        var query: PostgresQuery = """
            SELECT a.id AS application_id, a.enterprise_id, e.name AS enterprise_name, a.note, a.status AS application_status,
                   a.reason, a.created_at AS application_created_at, \(unescaped: accountColumns)
            FROM membership_applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN accounts u ON u.id = a.account_id
            WHERE true
            """
        if let id { query.append(" AND a.id = \(id)") }
        if let enterpriseID { query.append(" AND a.enterprise_id = \(enterpriseID)") }
        if let accountID { query.append(" AND a.account_id = \(accountID)") }
        if let status { query.append(" AND a.status = \(status)") }
        return try await connection.page(query, orderBy: "a.created_at DESC, a.id", paging: paging) { row in
            try view(ApplicationRow(
                id: try row.decode("application_id"), enterpriseID: try row.decode("enterprise_id"),
                enterpriseName: try row.decode("enterprise_name"), applicant: try Account(row: row), note: try row.decode("note"),
                status: try row.decode("application_status"), reason: try row.decode("reason"),
                createdAt: try row.decode("application_created_at")))
        }
    }

    // MARK: Memberships

    /// Newest grant first, each shown as `view` makes it.
    static func memberships<View>(
        enterpriseID: UUID? = nil, accountID: UUID? = nil, activeOnly: Bool, paging: Paging, on connection: PostgresConnection,
        _ view: (MembershipRow) throws -> View
    ) async throws -> Page<View> {
        var query: PostgresQuery = """
            SELECT m.id AS membership_id, m.enterprise_id, e.name AS enterprise_name, m.role, m.status AS membership_status,
                   m.expires_at, m.granted_at, \(unescaped: accountColumns)
            FROM memberships m JOIN enterprises e ON e.id = m.enterprise_id JOIN accounts u ON u.id = m.account_id
            WHERE true
            """
        if let enterpriseID { query.append(" AND m.enterprise_id = \(enterpriseID)") }
        if let accountID { query.append(" AND m.account_id = \(accountID)") }
        if activeOnly { query.appendUnescaped(" AND m.status = 'active'") }
        return try await connection.page(query, orderBy: "m.granted_at DESC, m.id", paging: paging) { row in
            try view(MembershipRow(
                id: try row.decode("membership_id"), enterpriseID: try row.decode("enterprise_id"),
                enterpriseName: try row.decode("enterprise_name"), member: try Account(row: row), role: try row.decode("role"),
                status: try row.decode("membership_status"), expiresAt: try row.decode("expires_at"),
                grantedAt: try row.decode("granted_at")))
        }
    }

    /// Ends the account's active membership in the enterprise, if any (a new grant replaces it).
    static func replaceActive(enterpriseID: UUID, accountID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE memberships SET status = 'revoked', ended_at = now(), end_reason = 'replaced by a new grant'
            WHERE enterprise_id = \(enterpriseID) AND account_id = \(accountID) AND status = 'active'
            """)
    }

    static func insertMembership(
        id: UUID, enterpriseID: UUID, accountID: UUID, role: AccessClaims.Membership.Role, expiresAt: Date, grantedBy: UUID,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO memberships (id, enterprise_id, account_id, role, status, expires_at, granted_by)
            VALUES (\(id), \(enterpriseID), \(accountID), \(role.rawValue), 'active', \(expiresAt), \(grantedBy))
            """)
    }

    /// Serializes changes to one enterprise's admins until the transaction ends.
    static func lockEnterprise(_ enterpriseID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext(\(enterpriseID.uuidString)))")
    }

    static func lockMembership(
        _ id: UUID, enterpriseID: UUID, on connection: PostgresConnection
    ) async throws -> (accountID: UUID, role: String, status: String)? {
        guard let row = try await connection.query(
            "SELECT account_id, role, status FROM memberships WHERE id = \(id) AND enterprise_id = \(enterpriseID) FOR UPDATE"
        ).first else { return nil }
        return (try row.decode("account_id"), try row.decode("role"), try row.decode("status"))
    }

    static func activeAdminCount(_ enterpriseID: UUID, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(
            """
            SELECT count(*) AS admins FROM memberships
            WHERE enterprise_id = \(enterpriseID) AND role = 'admin' AND status = 'active' AND expires_at > now()
            """).first?.decode("admins", as: Int.self) ?? 0
    }

    static func revoke(_ id: UUID, reason: String, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE memberships SET status = 'revoked', ended_at = now(), end_reason = \(reason) WHERE id = \(id)")
    }
}
