import Contracts
import Foundation
@testable import IdentityApp
import Postgres
import Testing

/// The fixtures of the authorization matrix: enterprise A with an admin, a member and a liaison
/// official; enterprise B with its own admin; a pending registration; a pending application.
struct MatrixWorld: Sendable {
    var bearers: [AuthorizationMatrixTests.Role: String] = [:]
    var enterpriseA = UUID()
    var usccA = Samples.uscc("91410400MA000000A")
    var pendingEnterprise = UUID()
    var personID = UUID()
    var spareOfficial = UUID()
    var spareLiaison = UUID()
    var spareMembership = UUID()
    var application = UUID()
    var helpRequest = UUID()
    var pool: PostgresPool

    static func make(_ client: some Any, _ harness: IdentityHarness) async throws -> MatrixWorld {
        var world = MatrixWorld(pool: harness.pool)
        let pool = harness.pool
        func person(_ name: String) async throws -> UUID {
            let id = UUID()
            try await pool.execute(
                "INSERT INTO accounts (id, kind, username, real_name, password_hash) VALUES (\(id), 'person', \(name), '测试', \(IdentityHarness.hashOfPassword))")
            return id
        }
        func enterprise(_ id: UUID, _ uscc: String, status: String) async throws {
            try await pool.execute(
                """
                INSERT INTO enterprises (id, uscc, name, region, industry, ownership, employee_band, principal_name, status, origin)
                VALUES (\(id), \(uscc), \("企业" + uscc.suffix(4)), '410402', 'C', 'private', '1-19', '法人', \(status), 'imported')
                """)
        }
        func membership(_ enterprise: UUID, _ account: UUID, _ role: String, id: UUID = UUID()) async throws {
            try await pool.execute(
                """
                INSERT INTO memberships (id, enterprise_id, account_id, role, status, expires_at)
                VALUES (\(id), \(enterprise), \(account), \(role), 'active', now() + interval '90 days')
                """)
        }
        let enterpriseB = UUID()
        try await enterprise(world.enterpriseA, world.usccA, status: "approved")
        try await enterprise(enterpriseB, Samples.uscc("91410400MA000000B"), status: "approved")
        try await enterprise(world.pendingEnterprise, Samples.uscc("91410400MA000000C"), status: "pending")
        world.personID = try await person("m-person")
        let member = try await person("m-member")
        let ownAdmin = try await person("m-own-admin")
        let otherAdmin = try await person("m-other-admin")
        let spare = try await person("m-spare")
        try await membership(world.enterpriseA, member, "member")
        try await membership(world.enterpriseA, ownAdmin, "admin")
        try await membership(enterpriseB, otherAdmin, "admin")
        try await membership(world.enterpriseA, spare, "member", id: world.spareMembership)
        let applicant = try await person("m-applicant")
        try await pool.execute(
            "INSERT INTO membership_applications (id, enterprise_id, account_id, status) VALUES (\(world.application), \(world.enterpriseA), \(applicant), 'pending')")
        try await pool.execute(
            "INSERT INTO help_requests (id, enterprise_id, requested_by, note, status) VALUES (\(world.helpRequest), \(world.enterpriseA), \(member), '帮扶', 'pending')")

        let officialRoles: [(AuthorizationMatrixTests.Role, OfficialRole)] = [
            (.liaison, .liaison), (.unitAdmin, .unitAdmin), (.dispatcher, .dispatcher), (.inspector, .inspector), (.platformAdmin, .platformAdmin),
        ]
        for (role, official) in officialRoles {
            let id = try await harness.official("m-\(role.rawValue)", roles: [official])
            world.bearers[role] = try await harness.bearer(official: id, roles: [official])
            if role == .liaison {
                try await pool.execute(
                    "INSERT INTO liaison_assignments (id, enterprise_id, official_id, assigned_by) VALUES (\(UUID()), \(world.enterpriseA), \(id), \(id))")
            }
        }
        world.spareOfficial = try await harness.official("m-spare-official", roles: [.dispatcher])
        world.spareLiaison = try await harness.official("m-spare-liaison", roles: [.liaison])
        for (role, id) in [(AuthorizationMatrixTests.Role.person, world.personID), (.member, member), (.ownAdmin, ownAdmin), (.otherAdmin, otherAdmin)] {
            world.bearers[role] = try await harness.bearer(AccessClaims(accountID: id, accountKind: .person))
        }
        return world
    }

    var endSpareAssignment: @Sendable () async throws -> Void {
        let pool = pool, enterprise = enterpriseA, official = spareLiaison
        return {
            try await pool.execute(
                "UPDATE liaison_assignments SET ended_at = now() WHERE enterprise_id = \(enterprise) AND official_id = \(official) AND ended_at IS NULL")
        }
    }

    var openSpareAssignment: @Sendable () async throws -> Void {
        let pool = pool, enterprise = enterpriseA, official = spareLiaison
        return {
            try await pool.execute(
                """
                INSERT INTO liaison_assignments (id, enterprise_id, official_id, assigned_by)
                SELECT \(UUID()), \(enterprise), \(official), \(official)
                WHERE NOT EXISTS (SELECT 1 FROM liaison_assignments WHERE enterprise_id = \(enterprise) AND official_id = \(official) AND ended_at IS NULL)
                """)
        }
    }
}
