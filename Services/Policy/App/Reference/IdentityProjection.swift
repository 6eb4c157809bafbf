import Contracts
import Foundation
import Outbox
import Postgres

/// The units (issuing agencies) and enterprise profiles (for subscriptions) the policy service keeps
/// from identity's events, applied through the inbox.
struct IdentityProjection: EventProjection {
    func register(into handlers: inout EventHandlers) {
        handlers.on(UnitCreated.self) { event, _, connection in try await Self.upsert(event.unit, on: connection) }
        handlers.on(UnitUpdated.self) { event, _, connection in try await Self.upsert(event.unit, on: connection) }
        handlers.on(EnterpriseRegistered.self) { event, _, connection in
            try await Self.upsert(event.enterprise, status: event.approved ? "approved" : "pending", at: event.registeredAt, on: connection)
        }
        handlers.on(EnterpriseApproved.self) { event, _, connection in
            try await Self.upsert(event.enterprise, status: "approved", at: event.approvedAt, on: connection)
        }
        handlers.on(EnterpriseUpdated.self) { event, _, connection in
            try await Self.upsert(event.enterprise, status: nil, at: event.updatedAt, on: connection)
        }
        handlers.on(EnterpriseRejected.self) { event, _, connection in
            try await connection.execute(
                "UPDATE enterprises SET status = 'rejected', updated_at = \(event.rejectedAt) WHERE enterprise_id = \(event.enterpriseID)")
        }
    }

    static func upsert(_ unit: UnitProfile, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO units (unit_id, name, kind, parent_id, region)
            VALUES (\(unit.unitID), \(unit.name), \(unit.kind.rawValue), \(unit.parentID), \(unit.region))
            ON CONFLICT (unit_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
                region = EXCLUDED.region
            """)
    }

    /// `status` nil keeps the stored status (an update does not approve).
    static func upsert(_ profile: EnterpriseProfile, status: String?, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO enterprises (enterprise_id, name, region, industry, tags, status, updated_at)
            VALUES (\(profile.enterpriseID), \(profile.name), \(profile.region), \(profile.industry), \(profile.tags),
                    \(status ?? "pending"), \(time))
            ON CONFLICT (enterprise_id) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region,
                industry = EXCLUDED.industry, tags = EXCLUDED.tags, status = COALESCE(\(status), enterprises.status),
                updated_at = EXCLUDED.updated_at
            """)
    }
}
