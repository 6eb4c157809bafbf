import Contracts
import Foundation
import Testing

@Suite("Official accounts")
struct OfficialAccountTests {
    @Test("an admin creates an official; first sign-in forces a password change and binds a phone; events follow")
    func firstSignIn() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("root", roles: [.platformAdmin])
            let bearer = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let badRole = try await client.call(
                .post, "/officials",
                json: ["username": "zhou", "realName": "周干部", "unitID": "00000000-0000-4000-8000-000000000201", "roles": ["boss"]],
                bearer: bearer)
            #expect(badRole.errorField == "roles[0]")
            let created = try await client.call(
                .post, "/officials",
                json: ["username": "zhou", "realName": "周干部", "unitID": "00000000-0000-4000-8000-000000000201", "roles": ["liaison"]],
                bearer: bearer)
            #expect(created.status == .created)
            let temporary = try #require(created.string("temporaryPassword"))
            let officialID = try #require((created.json["account"] as? [String: Any])?["id"] as? String)

            let first = try await client.signIn("zhou", temporary)
            #expect(first.string("status") == "passwordChangeRequired")
            #expect(first.json["phoneRequired"] as? Bool == true)
            #expect(first.string("accessToken") == nil)
            let ticket = try #require(first.string("changeTicket"))

            let weak = try await client.call(.post, "/sessions/password-change", json: ["changeTicket": ticket, "newPassword": "password"])
            #expect(weak.errorField == "newPassword")
            let noPhone = try await client.call(.post, "/sessions/password-change", json: ["changeTicket": ticket, "newPassword": "Zhou#2026ok"])
            #expect(noPhone.errorField == "phone")
            let changed = try await client.call(
                .post, "/sessions/password-change", json: ["changeTicket": ticket, "newPassword": "Zhou#2026ok", "phone": "13900001111"])
            #expect(changed.status == .ok)
            let claims = try #require(changed.json["claims"] as? [String: Any])
            #expect(claims["roles"] as? [String] == ["liaison"])
            #expect(claims["region"] as? String == "410402")
            #expect(try await client.call(.post, "/sessions/password-change", json: ["changeTicket": ticket, "newPassword": "Other#2026ok", "phone": "13900001111"]).errorField == "changeTicket")
            #expect(try await client.signIn("zhou", "Zhou#2026ok").string("accessToken") != nil)

            let reset = try await client.call(.post, "/officials/\(officialID)/password-reset", bearer: bearer)
            let again = try await client.signIn("zhou", try #require(reset.string("temporaryPassword")))
            #expect(again.string("status") == "passwordChangeRequired")
            #expect(again.json["phoneRequired"] as? Bool == false)

            let updated = try await client.call(.patch, "/officials/\(officialID)", json: ["roles": ["liaison", "unitAdmin"]], bearer: bearer)
            #expect(updated.status == .ok)
            let types = try await harness.outboxTypes()
            #expect(types.contains(OfficialCreated.eventType))
            #expect(types.contains(OfficialUpdated.eventType))
            #expect(types.contains(AccountContactChanged.eventType))
            let list = try await client.call(.get, "/officials?role=liaison&size=5", bearer: bearer)
            #expect(list.json["total"] as? Int == 1)
            #expect(list.json["size"] as? Int == 5)
        }
    }
}
