import Contracts
import Foundation
import Postgres
import ServiceKit

/// Assigning liaison officials to enterprises (history kept: ending an assignment keeps its row).
struct LiaisonAssignments {
    let runtime: IdentityRuntime

    func assign(enterpriseID: UUID, officialID: UUID, unitID: UUID, by actor: UUID, on connection: PostgresConnection) async throws {
        do {
            try await connection.execute(
                """
                INSERT INTO liaison_assignments (id, enterprise_id, official_id, assigned_by)
                VALUES (\(UUID()), \(enterpriseID), \(officialID), \(actor))
                """)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError.conflict("cannot assign: this official already looks after this enterprise")
        }
        try await runtime.deps.outbox.append(
            LiaisonAssigned(enterpriseID: enterpriseID, officialID: officialID, unitID: unitID, assignedAt: Date()), on: connection)
    }

    func unassign(enterpriseID: UUID, officialID: UUID, by actor: UUID, on connection: PostgresConnection) async throws {
        let ended = try await connection.execute(
            """
            UPDATE liaison_assignments SET ended_at = now(), ended_by = \(actor)
            WHERE enterprise_id = \(enterpriseID) AND official_id = \(officialID) AND ended_at IS NULL
            """)
        guard ended > 0 else { throw APIError.notFound("liaison assignment") }
        try await runtime.deps.outbox.append(
            LiaisonUnassigned(enterpriseID: enterpriseID, officialID: officialID, unassignedAt: Date()), on: connection)
    }
}
