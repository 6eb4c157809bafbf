import Contracts
import Foundation
import Postgres
import ServiceKit

/// Assigning liaison officials to enterprises (history kept: ending an assignment keeps its row).
struct LiaisonAssignments {
    let runtime: IdentityRuntime

    func assign(enterpriseID: UUID, officialID: UUID, unitID: UUID, by actor: UUID, on connection: PostgresConnection) async throws {
        try await LiaisonStore.insert(enterpriseID: enterpriseID, officialID: officialID, by: actor, on: connection)
        try await runtime.deps.outbox.append(
            LiaisonAssigned(enterpriseID: enterpriseID, officialID: officialID, unitID: unitID, assignedAt: Date()), on: connection)
    }

    func unassign(enterpriseID: UUID, officialID: UUID, by actor: UUID, on connection: PostgresConnection) async throws {
        guard try await LiaisonStore.end(enterpriseID: enterpriseID, officialID: officialID, by: actor, on: connection) else { throw APIError.notFound("liaison assignment") }
        try await runtime.deps.outbox.append(
            LiaisonUnassigned(enterpriseID: enterpriseID, officialID: officialID, unassignedAt: Date()), on: connection)
    }
}
