import Contracts
import Foundation
import Postgres
import ServiceKit

/// Who may see and change an enterprise. Memberships are checked in the database (not only the
/// token), so a revoked or expired membership stops working at once.
enum EnterpriseAccess {
    static func memberRole(_ accountID: UUID, in enterpriseID: UUID, on connection: PostgresConnection) async throws
        -> AccessClaims.Membership.Role?
    {
        let row = try await connection.query(
            """
            SELECT role FROM memberships WHERE account_id = \(accountID) AND enterprise_id = \(enterpriseID)
              AND status = 'active' AND expires_at > now()
            """).first
        return try row.map { AccessClaims.Membership.Role(rawValue: try $0.decode("role", as: String.self)) ?? .member }
    }

    static func isLiaison(_ accountID: UUID, of enterpriseID: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.query(
            """
            SELECT 1 FROM liaison_assignments WHERE official_id = \(accountID) AND enterprise_id = \(enterpriseID)
              AND ended_at IS NULL
            """).isEmpty
    }

    enum Level: Int, Comparable, Sendable {
        case none = 0, view, viewWithPhones, edit
        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static func level(_ principal: AccessClaims?, for record: EnterpriseRecord, on connection: PostgresConnection) async throws -> Level {
        guard let principal else { return .none }
        switch principal.accountKind {
        case .official:
            if principal.hasRole("platformAdmin") { return .edit }
            if principal.hasRole("liaison"), try await isLiaison(principal.accountID, of: record.id, on: connection) { return .edit }
            return principal.roles.isEmpty ? .none : .view
        case .person:
            switch try await memberRole(principal.accountID, in: record.id, on: connection) {
            case .admin: return .edit
            case .member: return .viewWithPhones
            case nil: return record.registeredBy == principal.accountID ? .viewWithPhones : .none
            }
        }
    }

    /// The enterprise if `principal` may reach it at `minimum`; otherwise 404 (never reveal another's).
    static func require(
        _ principal: AccessClaims?, _ id: UUID, _ minimum: Level, runtime: IdentityRuntime, on connection: PostgresConnection,
        forUpdate: Bool = false
    ) async throws -> (EnterpriseRecord, Level) {
        guard principal != nil else { throw APIError.unauthenticated }
        guard let record = try await EnterpriseRecord.load(id, cipher: runtime.cipher, on: connection, forUpdate: forUpdate) else {
            throw APIError.notFound("enterprise")
        }
        let level = try await level(principal, for: record, on: connection)
        if level == .none { throw APIError.notFound("enterprise") }
        if level < minimum { throw APIError.forbidden }
        return (record, level)
    }
}
