import Contracts
import Foundation
import Hummingbird
import Outbox
import Postgres

/// Keeps the read models of enterprises and liaison assignments that filings need (an enterprise's
/// filing identity, who countersigns), applied through the inbox (idempotent upserts).
struct IdentityProjection: EventProjection {
    func register(into handlers: inout EventHandlers) {
        handlers.on(EnterpriseRegistered.self) { event, _, connection in
            try await Self.upsert(event.enterprise, at: event.registeredAt, on: connection)
        }
        handlers.on(EnterpriseApproved.self) { event, _, connection in
            try await Self.upsert(event.enterprise, at: event.approvedAt, on: connection)
        }
        handlers.on(EnterpriseUpdated.self) { event, _, connection in
            try await Self.upsert(event.enterprise, at: event.updatedAt, on: connection)
        }
        handlers.on(LiaisonAssigned.self) { event, _, connection in
            try await Self.assigned(event, on: connection)
        }
        handlers.on(LiaisonUnassigned.self) { event, _, connection in
            try await Self.unassigned(event, on: connection)
        }
    }

    /// The latest assignment time wins; whether the official holds the enterprise is read through the
    /// `liaison_holdings` view (assigned after the latest unassignment), so the order events arrive in
    /// does not matter.
    static func assigned(_ event: LiaisonAssigned, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO liaison_assignments (enterprise_id, official_id, assigned_at)
            VALUES (\(event.enterpriseID), \(event.officialID), \(event.assignedAt))
            ON CONFLICT (enterprise_id, official_id) DO UPDATE
            SET assigned_at = greatest(liaison_assignments.assigned_at, EXCLUDED.assigned_at)
            """)
    }

    static func unassigned(_ event: LiaisonUnassigned, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO liaison_assignments (enterprise_id, official_id, assigned_at, unassigned_at)
            VALUES (\(event.enterpriseID), \(event.officialID), '-infinity', \(event.unassignedAt))
            ON CONFLICT (enterprise_id, official_id) DO UPDATE
            SET unassigned_at = greatest(liaison_assignments.unassigned_at, EXCLUDED.unassigned_at)
            """)
    }

    static func upsert(_ profile: EnterpriseProfile, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, updated_at)
            VALUES (\(profile.enterpriseID), \(profile.uscc), \(profile.name), \(profile.region), \(profile.industry), \(time))
            ON CONFLICT (enterprise_id) DO UPDATE SET uscc = EXCLUDED.uscc, name = EXCLUDED.name, region = EXCLUDED.region,
                industry = EXCLUDED.industry, updated_at = EXCLUDED.updated_at
            WHERE enterprises.updated_at <= EXCLUDED.updated_at
            """)
    }
}
