import Contracts
import Foundation
import Testing

@Suite("Person accounts")
struct PersonAccountTests {
    static func registration(_ username: String, id: String = Samples.idNumber(), phone: String = "13812345678") -> [String: Any] {
        ["username": username, "password": "Abcdef12", "realName": "张伟", "idNumber": id, "phone": phone]
    }

    @Test("registration validates the ID number's check character and the password policy, and seals personal data")
    func register() async throws {
        try await IdentityHarness.run { client, harness in
            var body = Self.registration("zhangwei", id: "110105194912310021")
            let badID = try await client.call(.post, "/persons", json: body)
            #expect(badID.status == .badRequest)
            #expect(badID.errorField == "idNumber")

            body = Self.registration("zhangwei")
            body["password"] = "abcdefgh"
            let weak = try await client.call(.post, "/persons", json: body)
            #expect(weak.errorField == "password")
            body["password"] = "short1A"
            #expect(try await client.call(.post, "/persons", json: body).errorField == "password")

            let created = try await client.call(.post, "/persons", json: Self.registration("zhangwei"))
            #expect(created.status == .created)
            #expect(created.string("idNumber") == Samples.idNumber())
            let again = try await client.call(.post, "/persons", json: Self.registration("zhangwei2"))
            #expect(again.errorField == "idNumber")

            let stored = try await harness.pool.query("SELECT id_number_sealed, phone_sealed FROM accounts WHERE username = 'zhangwei'")
            let sealed = try stored.first!.decode("id_number_sealed", as: Data.self)
            #expect(!String(decoding: sealed, as: UTF8.self).contains(Samples.idNumber()))
            let contacts = try await harness.outboxPayloads(AccountContactChanged.eventType)
            #expect(contacts.count == 1)
            #expect(try await harness.pool.query("SELECT topic FROM outbox WHERE event_type = \(AccountContactChanged.eventType)")
                .first?.decode("topic", as: String.self) == Topic.identityContacts.name)
            #expect(try await harness.pool.query("SELECT 1 FROM outbox WHERE topic = \(Topic.identity.name) AND convert_from(payload, 'UTF8') LIKE '%13812345678%'").isEmpty)

            let signedIn = try await client.signIn("zhangwei", "Abcdef12")
            #expect(signedIn.status == .ok)
            let token = try #require(signedIn.string("accessToken"))
            let me = try await client.call(.get, "/me", bearer: "Bearer " + token)
            #expect(me.string("phone") == "13812345678")
            #expect(me.string("idNumber") == Samples.idNumber())
        }
    }

    @Test("personal data is masked to an inspector and whole to a platform admin")
    func masking() async throws {
        try await IdentityHarness.run { client, harness in
            let created = try await client.call(.post, "/persons", json: Self.registration("masked"))
            let id = try #require(created.string("id"))
            let inspector = try await harness.official("insp", roles: [.inspector])
            let admin = try await harness.official("adm", roles: [.platformAdmin])
            let liaison = try await harness.official("lia", roles: [.liaison])
            let asInspector = try await client.call(.get, "/accounts/\(id)", bearer: try await harness.bearer(official: inspector, roles: [.inspector]))
            #expect(asInspector.string("phone") == "138****5678")
            #expect(asInspector.string("idNumber")?.hasPrefix("410***********") == true)
            let asAdmin = try await client.call(.get, "/accounts/\(id)", bearer: try await harness.bearer(official: admin, roles: [.platformAdmin]))
            #expect(asAdmin.string("phone") == "13812345678")
            let asLiaison = try await client.call(.get, "/accounts/\(id)", bearer: try await harness.bearer(official: liaison, roles: [.liaison]))
            #expect(asLiaison.status == .forbidden)
            let asGuest = try await client.call(.get, "/accounts/\(id)")
            #expect(asGuest.status == .unauthorized)
        }
    }
}
