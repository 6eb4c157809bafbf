import Contracts
import Foundation
import Outbox
import Postgres

/// Keeps the read models of enterprises, liaison assignments, memberships, units and officials
/// that appeals need (names on items, who reviews what), applied through the inbox.
struct IdentityProjection: EventProjection {
    func register(into handlers: inout EventHandlers) {
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
        handlers.on(LiaisonAssigned.self) { event, _, connection in
            try await connection.execute(
                """
                INSERT INTO liaison_assignments (enterprise_id, official_id, unit_id, assigned_at)
                VALUES (\(event.enterpriseID), \(event.officialID), \(event.unitID), \(event.assignedAt))
                ON CONFLICT (enterprise_id, official_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, assigned_at = EXCLUDED.assigned_at
                """)
        }
        handlers.on(LiaisonUnassigned.self) { event, _, connection in
            try await connection.execute(
                "DELETE FROM liaison_assignments WHERE enterprise_id = \(event.enterpriseID) AND official_id = \(event.officialID)")
        }
        handlers.on(MembershipGranted.self) { event, _, connection in
            try await connection.execute(
                """
                INSERT INTO memberships (membership_id, enterprise_id, account_id, role, expires_at, active, updated_at)
                VALUES (\(event.membershipID), \(event.enterpriseID), \(event.accountID), \(event.role.rawValue),
                        \(event.expiresAt), true, \(event.grantedAt))
                ON CONFLICT (membership_id) DO UPDATE SET role = EXCLUDED.role, expires_at = EXCLUDED.expires_at,
                    active = true, updated_at = EXCLUDED.updated_at
                """)
        }
        handlers.on(MembershipRevoked.self) { event, _, connection in
            try await Self.deactivate(event.membershipID, at: event.revokedAt, on: connection)
        }
        handlers.on(MembershipExpired.self) { event, _, connection in
            try await Self.deactivate(event.membershipID, at: event.expiredAt, on: connection)
        }
        handlers.on(UnitCreated.self) { event, _, connection in try await Self.upsert(event.unit, on: connection) }
        handlers.on(UnitUpdated.self) { event, _, connection in try await Self.upsert(event.unit, on: connection) }
        handlers.on(OfficialCreated.self) { event, _, connection in try await Self.upsert(event.official, on: connection) }
        handlers.on(OfficialUpdated.self) { event, _, connection in try await Self.upsert(event.official, on: connection) }
    }

    /// `status` nil keeps the stored status (an update does not approve).
    static func upsert(_ profile: EnterpriseProfile, status: String?, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, status, updated_at)
            VALUES (\(profile.enterpriseID), \(profile.uscc), \(profile.name), \(profile.region), \(profile.industry),
                    \(status ?? "pending"), \(time))
            ON CONFLICT (enterprise_id) DO UPDATE SET uscc = EXCLUDED.uscc, name = EXCLUDED.name, region = EXCLUDED.region,
                industry = EXCLUDED.industry, status = COALESCE(\(status), enterprises.status), updated_at = EXCLUDED.updated_at
            """)
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

    static func upsert(_ official: OfficialProfile, on connection: PostgresConnection) async throws {
        let roles = official.roles.map(\.rawValue).joined(separator: ",")
        try await connection.execute(
            """
            INSERT INTO officials (official_id, name, unit_id, region, roles, active)
            VALUES (\(official.officialID), \(official.name), \(official.unitID), \(official.region), \(roles), \(official.active))
            ON CONFLICT (official_id) DO UPDATE SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id, region = EXCLUDED.region,
                roles = EXCLUDED.roles, active = EXCLUDED.active
            """)
    }

    static func deactivate(_ membershipID: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE memberships SET active = false, updated_at = \(time) WHERE membership_id = \(membershipID)")
    }
}
