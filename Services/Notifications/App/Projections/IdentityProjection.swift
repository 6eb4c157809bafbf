import Contracts
import Foundation
import Outbox
import Postgres

/// Keeps this service's copy of the identity facts recipients are resolved from: enterprises,
/// memberships, liaison assignments, officials and units. Each write is an upsert, so replaying
/// an event is harmless.
struct IdentityProjection: EventProjection {
    let rules: RuleEngine

    func register(into handlers: inout EventHandlers) {
        handlers.on(EnterpriseRegistered.self, thenRules: rules) { event, c in
            try await Self.enterprise(event.enterprise, approved: event.approved, on: c)
        }
        handlers.on(EnterpriseApproved.self, thenRules: rules) { event, c in
            try await Self.enterprise(event.enterprise, approved: true, on: c)
        }
        handlers.on(EnterpriseUpdated.self, thenRules: rules) { event, c in
            try await Self.enterprise(event.enterprise, approved: nil, on: c)
        }
        handlers.on(EnterpriseRejected.self, thenRules: rules) { event, c in try await Self.rejected(event, on: c) }
        handlers.on(MembershipGranted.self, thenRules: rules) { event, c in
            try await Self.membership(
                id: event.membershipID, enterpriseID: event.enterpriseID, accountID: event.accountID,
                role: event.role.rawValue, expiresAt: event.expiresAt, on: c)
        }
        handlers.on(MembershipRevoked.self, thenRules: rules) { event, c in try await Self.endMembership(id: event.membershipID, on: c) }
        handlers.on(MembershipExpired.self, thenRules: rules) { event, c in try await Self.endMembership(id: event.membershipID, on: c) }
        handlers.on(LiaisonAssigned.self, thenRules: rules) { event, c in try await Self.liaisonAssigned(event, on: c) }
        handlers.on(LiaisonUnassigned.self, thenRules: rules) { event, c in try await Self.liaisonUnassigned(event, on: c) }
        handlers.on(OfficialCreated.self, thenRules: rules) { event, c in try await Self.official(event.official, on: c) }
        handlers.on(OfficialUpdated.self, thenRules: rules) { event, c in try await Self.official(event.official, on: c) }
        handlers.on(UnitCreated.self, thenRules: rules) { event, c in try await Self.unit(event.unit, on: c) }
        handlers.on(UnitUpdated.self, thenRules: rules) { event, c in try await Self.unit(event.unit, on: c) }
    }

    static func enterprise(_ profile: EnterpriseProfile, approved: Bool?, on connection: PostgresConnection) async throws {
        let approvedOnInsert = approved ?? false
        try await connection.execute(
            """
            INSERT INTO enterprises (enterprise_id, uscc, name, region, industry, tags, approved, updated_at)
            VALUES (\(profile.enterpriseID), \(profile.uscc), \(profile.name), \(profile.region),
                    \(profile.industry), \(profile.tags), \(approvedOnInsert), now())
            ON CONFLICT (enterprise_id) DO UPDATE SET
                uscc = EXCLUDED.uscc, name = EXCLUDED.name, region = EXCLUDED.region,
                industry = EXCLUDED.industry, tags = EXCLUDED.tags,
                approved = COALESCE(\(approved), enterprises.approved), updated_at = now()
            """)
    }

    static func rejected(_ event: EnterpriseRejected, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE enterprises SET approved = false, updated_at = now() WHERE enterprise_id = \(event.enterpriseID)")
    }

    static func membership(
        id: UUID, enterpriseID: UUID, accountID: UUID, role: String, expiresAt: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO memberships (membership_id, enterprise_id, account_id, role, expires_at, active)
            VALUES (\(id), \(enterpriseID), \(accountID), \(role), \(expiresAt), true)
            ON CONFLICT (membership_id) DO UPDATE SET
                role = EXCLUDED.role, expires_at = EXCLUDED.expires_at, active = true
            """)
    }

    static func endMembership(id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE memberships SET active = false WHERE membership_id = \(id)")
    }

    static func liaisonAssigned(_ event: LiaisonAssigned, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO liaisons (enterprise_id, official_id, unit_id, assigned_at)
            VALUES (\(event.enterpriseID), \(event.officialID), \(event.unitID), \(event.assignedAt))
            ON CONFLICT (enterprise_id, official_id) DO UPDATE SET unit_id = EXCLUDED.unit_id,
                assigned_at = EXCLUDED.assigned_at
            """)
    }

    static func liaisonUnassigned(_ event: LiaisonUnassigned, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            DELETE FROM liaisons WHERE enterprise_id = \(event.enterpriseID) AND official_id = \(event.officialID)
              AND assigned_at <= \(event.unassignedAt)
            """)
    }

    static func official(_ profile: OfficialProfile, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO officials (official_id, name, unit_id, region, roles, active)
            VALUES (\(profile.officialID), \(profile.name), \(profile.unitID), \(profile.region),
                    \(profile.roles.map(\.rawValue)), \(profile.active))
            ON CONFLICT (official_id) DO UPDATE SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id,
                region = EXCLUDED.region, roles = EXCLUDED.roles, active = EXCLUDED.active
            """)
    }

    static func unit(_ profile: UnitProfile, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO units (unit_id, name, kind, parent_id, region)
            VALUES (\(profile.unitID), \(profile.name), \(profile.kind.rawValue), \(profile.parentID), \(profile.region))
            ON CONFLICT (unit_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                parent_id = EXCLUDED.parent_id, region = EXCLUDED.region
            """)
    }
}
