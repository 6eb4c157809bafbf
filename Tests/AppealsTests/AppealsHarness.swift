@testable import AppealsApp
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PersonalData
import Postgres
import ServiceKit
import TestSupport

/// One appeals service in-process on its own schema, with a test token signer and a cast of users.
struct AppealsHarness {
    let tokens: TestTokens
    let dependencies: ServiceDependencies

    let enterpriseID = UUID()
    let otherEnterpriseID = UUID()
    let liaisonID = UUID()
    let liaisonUnitID = UUID()
    let unitA = UUID()
    let unitB = UUID()
    let unitC = UUID()
    /// The city-level unit the harness's dispatcher belongs to (covers the whole city).
    let dispatchUnit = UUID()

    static func make(region: String = "420302") async throws -> AppealsHarness {
        let configuration = try ServiceConfiguration.forTest(.appeals)
        var dependencies = try await ServiceApplication.prepare(
            AppealsService.definition, configuration: configuration, logger: Logger(label: "appeals-test"))
        let tokens = TestTokens()
        dependencies.tokens = tokens.verifier()
        let harness = AppealsHarness(tokens: tokens, dependencies: dependencies)
        try await harness.seedIdentity(region: region)
        return harness
    }

    func application() throws -> some ApplicationProtocol {
        try ServiceApplication.application(
            AppealsService.definition, runtime: try AppealsRuntime(dependencies: dependencies), dependencies: dependencies)
    }

    /// The service with the given personal-data keys instead of the environment's.
    func application(cipher: FieldCipher) throws -> some ApplicationProtocol {
        try ServiceApplication.application(
            AppealsService.definition, runtime: AppealsRuntime(dependencies: dependencies, cipher: cipher), dependencies: dependencies)
    }

    /// The identity facts the service would have projected from the identity topic.
    func seedIdentity(region: String) async throws {
        try await dependencies.pool.withTransaction { connection in
            let now = Date()
            try await IdentityProjections.upsert(
                EnterpriseProfile(enterpriseID: enterpriseID, uscc: "91420300MA4A1B2C3D", name: "十堰示范汽车零部件有限公司",
                                  region: region, industry: "C", tags: []), status: "approved", at: now, on: connection)
            try await IdentityProjections.upsert(
                EnterpriseProfile(enterpriseID: otherEnterpriseID, uscc: "91420300MA4A1B2C4E", name: "另一家公司",
                                  region: region, industry: "C", tags: []), status: "approved", at: now, on: connection)
            for (id, name) in [(liaisonUnitID, "市发展和改革委员会"), (unitA, "市经济和信息化局"), (unitB, "市住房和城乡建设局"), (unitC, "市商务局")] {
                try await IdentityProjections.upsert(
                    UnitProfile(unitID: id, name: name, kind: .department, parentID: nil, region: region), on: connection)
            }
            try await IdentityProjections.upsert(
                UnitProfile(unitID: dispatchUnit, name: "市营商环境办公室", kind: .city, parentID: nil, region: String(region.prefix(4)) + "00"),
                on: connection)
            try await IdentityProjections.upsert(
                OfficialProfile(officialID: liaisonID, name: "张卫东", unitID: liaisonUnitID, region: region, roles: [.liaison], active: true),
                on: connection)
            try await connection.execute(
                """
                INSERT INTO liaison_assignments (enterprise_id, official_id, unit_id, assigned_at)
                VALUES (\(enterpriseID), \(liaisonID), \(liaisonUnitID), \(now))
                """)
        }
    }

    // The cast.
    var enterprise: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: enterpriseID, uscc: "91420300MA4A1B2C3D", role: .admin))
    }
    var otherEnterprise: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: otherEnterpriseID, uscc: "91420300MA4A1B2C4E", role: .admin))
    }
    var liaison: AccessClaims { AccessClaims(accountID: liaisonID, accountKind: .official, roles: ["liaison"], unitID: liaisonUnitID) }
    var dispatcher: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["dispatcher"], unitID: dispatchUnit) }
    func dispatcher(of unit: UUID) -> AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["dispatcher"], unitID: unit)
    }
    func unitAdmin(_ unit: UUID) -> AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: unit)
    }
    var inspector: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"]) }
    var platformAdmin: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"]) }

    /// Event types written to the outbox for `subject`, in order.
    func events(for id: UUID) async throws -> [String] {
        try await dependencies.pool.query(
            "SELECT event_type FROM outbox WHERE record_key = \(id.uuidString.lowercased()) ORDER BY seq"
        ).map { try $0.decode("event_type", as: String.self) }
    }

    func eventPayloads(for id: UUID, type: String) async throws -> [[String: Any]] {
        try await dependencies.pool.query(
            "SELECT payload FROM outbox WHERE record_key = \(id.uuidString.lowercased()) AND event_type = \(type) ORDER BY seq"
        ).map { row in
            let data: Data = try row.decode("payload")
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }
    }
}
