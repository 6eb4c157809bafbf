import Contracts
import Foundation
import Postgres
import ServiceKit

/// Who may see an item, and in which role someone acts on it.
struct CaseAccess {
    let principal: AccessClaims

    var enterpriseID: UUID? { principal.membership?.enterpriseID }

    /// Sees every item (read-only for inspectors). Dispatchers see the items of their scope.
    var seesAll: Bool {
        principal.isOfficial(.inspector, .platformAdmin)
    }

    var isDispatcher: Bool { principal.isOfficial(.dispatcher) }

    func dispatches(_ record: CaseRecord, on connection: PostgresConnection) async throws -> Bool {
        guard isDispatcher else { return false }
        return try await DispatchScope.of(principal, on: connection).covers(record)
    }

    func isOwner(_ record: CaseRecord) -> Bool { enterpriseID == record.enterpriseID }

    func isLiaison(_ record: CaseRecord) -> Bool {
        principal.isOfficial(.liaison) && record.liaisonOfficialID == principal.accountID
    }

    func isLeadUnit(_ record: CaseRecord) -> Bool {
        principal.isOfficial(.unitAdmin) && principal.unitID != nil && record.leadUnitID == principal.unitID
    }

    func isCoHandler(_ record: CaseRecord, on connection: PostgresConnection) async throws -> Bool {
        guard principal.isOfficial(.unitAdmin), let unitID = principal.unitID else { return false }
        return try await CaseStore.isCoHandler(unitID, of: record.id, on: connection)
    }

    /// Another enterprise's item, or an item the official has nothing to do with, is "not found".
    func canSee(_ record: CaseRecord, on connection: PostgresConnection) async throws -> Bool {
        if isOwner(record) || seesAll || isLiaison(record) || isLeadUnit(record) { return true }
        if try await dispatches(record, on: connection) { return true }
        return try await isCoHandler(record, on: connection)
    }

    /// How the caller stands to `record` for its personal data (dispatchers: of its scope, which
    /// `canSee` has checked); see `AppealsDisclosure`.
    func relation(to record: CaseRecord) -> CaseRelation {
        if isOwner(record) { return .owner }
        if isLiaison(record) || isLeadUnit(record) || isDispatcher { return .handler }
        return .onlooker
    }

    func require(_ allowed: Bool) throws {
        guard allowed else { throw APIError.forbidden }
    }
}
