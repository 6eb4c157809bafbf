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

/// One appeals service in-process on its own schema (a `ServiceUnderTest`), with a test token
/// signer, a cast of users and the identity facts they need.
struct AppealsHarness {
    let service: ServiceUnderTest<AppealsRuntime>
    let tokens: TestTokens
    var dependencies: ServiceDependencies { service.dependencies }

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
        let tokens = TestTokens()
        let service = try await ServiceUnderTest.start(AppealsService.definition, tokens: { _ in tokens.verifier() })
        let harness = AppealsHarness(service: service, tokens: tokens)
        try await harness.seedIdentity(region: region)
        return harness
    }

    func application() throws -> some ApplicationProtocol {
        try service.application()
    }

    /// The same service (same schema) with the given personal-data keys instead of the environment's.
    func application(cipher: FieldCipher) throws -> some ApplicationProtocol {
        try ServiceApplication.application(service.definition, runtime: runtime(cipher: cipher), dependencies: dependencies)
    }

    /// The runtime the service builds, with the given personal-data keys.
    func runtime(cipher: FieldCipher) -> AppealsRuntime {
        AppealsRuntime(dependencies: dependencies, cipher: cipher)
    }

    /// The identity facts the service would have projected from the identity topic.
    func seedIdentity(region: String) async throws {
        try await dependencies.pool.withTransaction { connection in
            let now = Date()
            try await IdentityProjection.upsert(
                EnterpriseProfile(enterpriseID: enterpriseID, uscc: "91420300MA4A1B2C3D", name: "十堰示范汽车零部件有限公司",
                                  region: region, industry: "C", tags: []), status: "approved", at: now, on: connection)
            try await IdentityProjection.upsert(
                EnterpriseProfile(enterpriseID: otherEnterpriseID, uscc: "91420300MA4A1B2C4E", name: "另一家公司",
                                  region: region, industry: "C", tags: []), status: "approved", at: now, on: connection)
            for (id, name) in [(liaisonUnitID, "市发展和改革委员会"), (unitA, "市经济和信息化局"), (unitB, "市住房和城乡建设局"), (unitC, "市商务局")] {
                try await IdentityProjection.upsert(
                    UnitProfile(unitID: id, name: name, kind: .department, parentID: nil, region: region), on: connection)
            }
            try await IdentityProjection.upsert(
                UnitProfile(unitID: dispatchUnit, name: "市营商环境办公室", kind: .city, parentID: nil, region: String(region.prefix(4)) + "00"),
                on: connection)
            try await IdentityProjection.upsert(
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

    /// The v1 event types written to the outbox for `subject`, in order (the v2 versions carrying step
    /// limits, written beside some of them, are `StepLimitTests`' subject).
    func events(for id: UUID) async throws -> [String] {
        try await dependencies.pool.query(
            "SELECT event_type FROM outbox WHERE record_key = \(id.uuidString.lowercased()) AND event_type NOT LIKE '%.v2' ORDER BY seq"
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
