import Contracts
import Foundation
import Postgres
import ServiceKit

/// Who may see and change an enterprise. Memberships are checked in the database (not only the
/// token), so a revoked or expired membership stops working at once.
enum EnterpriseAccess {
    enum Level: Int, Comparable, Sendable {
        case none = 0, view, viewWithPhones, edit
        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static func level(_ principal: AccessClaims?, for record: EnterpriseRecord, on connection: PostgresConnection) async throws -> Level {
        guard let principal else { return .none }
        switch principal.accountKind {
        case .official:
            if principal.isOfficial(.platformAdmin) { return .edit }
            if principal.isOfficial(.liaison), try await LiaisonStore.isAssigned(principal.accountID, to: record.id, on: connection) { return .edit }
            return principal.roles.isEmpty ? .none : .view
        case .person:
            switch try await MembershipStore.activeRole(of: principal.accountID, in: record.id, on: connection) {
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
        guard let record = try await EnterpriseStore.load(id, cipher: runtime.cipher, on: connection, forUpdate: forUpdate) else {
            throw APIError.notFound("enterprise")
        }
        let level = try await level(principal, for: record, on: connection)
        if level == .none { throw APIError.notFound("enterprise") }
        if level < minimum { throw APIError.forbidden }
        return (record, level)
    }
}

extension EnterpriseAccess {
    /// The caller if they administer the enterprise (its admin member, or a platform admin);
    /// 403 for its plain members, 404 for everyone else.
    static func requireAdmin(_ principal: AccessClaims?, of enterpriseID: UUID, runtime: IdentityRuntime) async throws -> AccessClaims {
        guard let principal else { throw APIError.unauthenticated }
        if principal.isOfficial(.platformAdmin) { return principal }
        let role = try await runtime.pool.withConnection {
            try await MembershipStore.activeRole(of: principal.accountID, in: enterpriseID, on: $0)
        }
        switch role {
        case .admin: return principal
        case .member: throw APIError.forbidden
        case nil: throw APIError.notFound("enterprise")
        }
    }
}
