import Contracts
import FilingApp
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PolicyApp
import Postgres
import ServiceKit
import Testing
import TestSupport

/// The audit endpoints that come with the template, on the two services built from it next.
@Suite("Audit endpoints of a service built from the template")
struct AuditEndpointTests {
    @Test("policy: only platform admins and inspectors read the trail; a verified chain, then an altered row named")
    func policy() async throws {
        try await check(PolicyService.definition)
    }

    @Test("filing: only platform admins and inspectors read the trail; a verified chain, then an altered row named")
    func filing() async throws {
        try await check(FilingService.definition)
    }

    func check<Runtime>(_ definition: ServiceDefinition<Runtime>) async throws {
        let tokens = TestTokens()
        let service = try await ServiceUnderTest.start(definition, tokens: { _ in tokens.verifier() })
        let pool = service.dependencies.pool
        let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
        let person = AccessClaims(accountID: UUID(), accountKind: .person)
        for n in 1...3 {
            _ = try await pool.withTransaction { connection in
                try await AuditTrail.append(
                    AuditEntry(action: "test.changed", subjectKind: "test", subjectID: "T\(n)", by: admin, acting: [.platformAdmin]),
                    on: connection)
            }
        }
        try await service.test { client in
            let anonymous = try await client.execute(uri: "/admin/audit/verification", method: .get)
            #expect(anonymous.status == .unauthorized)
            let forbidden = try await client.execute(
                uri: "/admin/audit", method: .get, headers: [.authorization: try await tokens.bearer(person)])
            #expect(forbidden.status == .forbidden)

            let bearer: HTTPFields = [.authorization: try await tokens.bearer(admin)]
            let page = try await client.execute(uri: "/admin/audit?subjectKind=test&size=2", method: .get, headers: bearer)
            #expect(page.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: page.body)) as? [String: Any]
            #expect(body?["total"] as? Int == 3)
            let items = body?["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["subjectID"] as? String } == ["T3", "T2"])
            #expect(items.first?["actorRole"] as? String == "platformAdmin")

            let valid = try await client.execute(uri: "/admin/audit/verification", method: .get, headers: bearer)
            #expect(String(buffer: valid.body).contains("\"valid\":true"))

            try await pool.execute("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_immutable")
            try await pool.execute("UPDATE audit_trail SET subject_id = 'T9' WHERE seq = 2")
            let broken = try await client.execute(uri: "/admin/audit/verification", method: .get, headers: bearer)
            let verification = try JSONSerialization.jsonObject(with: Data(buffer: broken.body)) as? [String: Any]
            #expect(verification?["valid"] as? Bool == false)
            #expect(verification?["brokenAt"] as? Int == 2)
        }
        await service.stop()
    }
}
