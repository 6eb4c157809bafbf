@testable import FilingApp
import Contracts
import Foundation
import Testing

@Suite("Liaison assignments from identity's events", .serialized)
struct LiaisonProjectionTests {
    @Test("an assignment and an unassignment land the same whichever arrives first; an unassigned liaison cannot countersign")
    func orderIndependent() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let pool = harness.dependencies.pool
        let (a, b, liaison) = (harness.enterpriseA, harness.enterpriseB, harness.liaisonID)
        let now = Date()
        @Sendable func holds(_ enterprise: UUID) async throws -> Bool {
            try await pool.withConnection { try await EnterpriseDirectory.isLiaison(liaison, of: enterprise, on: $0) }
        }
        @Sendable func assign(_ enterprise: UUID, _ at: Date) async throws {
            try await pool.withConnection {
                try await IdentityProjection.assigned(
                    LiaisonAssigned(enterpriseID: enterprise, officialID: liaison, unitID: UUID(), assignedAt: at), on: $0)
            }
        }
        @Sendable func unassign(_ enterprise: UUID, _ at: Date) async throws {
            try await pool.withConnection {
                try await IdentityProjection.unassigned(LiaisonUnassigned(enterpriseID: enterprise, officialID: liaison, unassignedAt: at), on: $0)
            }
        }

        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let filed = try await harness.file("2025-03", on: client)
            let id = try #require(filed["id"] as? String)

            // A (held since the seed): unassigned an hour from now; a older assignment arriving late changes nothing.
            try await unassign(a, now + 3600)
            #expect(try await holds(a) == false)
            try await assign(a, now - 86400)
            #expect(try await holds(a) == false)
            let refused = try await harness.call(client, .post, "/filings/\(id)/countersignature", as: harness.liaison, json: [:])
            #expect(refused.status == .notFound)
            // Assigned again later: held again, and the countersignature goes through.
            try await assign(a, now + 7200)
            #expect(try await holds(a))
            let signed = try await harness.call(client, .post, "/filings/\(id)/countersignature", as: harness.liaison, json: [:])
            #expect(signed.status == .ok)

            // B: the unassignment arrives before the assignment it ends.
            try await unassign(b, now + 60)
            try await assign(b, now)
            #expect(try await holds(b) == false)
            // The same two the other way round, delivered twice.
            try await assign(b, now + 120)
            try await unassign(b, now + 180)
            try await assign(b, now + 120)
            #expect(try await holds(b) == false)
        }
    }
}
