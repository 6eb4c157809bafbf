import Contracts
import Foundation
import Testing

@Suite("Officials' password reset")
struct PasswordResetTests {
    @Test("an admin cannot reset their own password; a second admin sees the temporary password once; audited and evented without it")
    func resetByASecondAdmin() async throws {
        try await IdentityHarness.run { client, harness in
            let first = try await harness.official("admin1", roles: [.platformAdmin])
            let second = try await harness.official("admin2", roles: [.platformAdmin])
            let firstBearer = try await harness.bearer(official: first, roles: [.platformAdmin])
            let secondBearer = try await harness.bearer(official: second, roles: [.platformAdmin])

            let own = try await client.call(.post, "/officials/\(first)/password-reset", bearer: firstBearer)
            #expect(own.status == .forbidden)
            #expect(own.errorCode == "own_password_reset")
            #expect(own.string("temporaryPassword") == nil)
            #expect(try await client.signIn("admin1", IdentityHarness.password).string("accessToken") != nil)

            let reset = try await client.call(.post, "/officials/\(first)/password-reset", bearer: secondBearer)
            #expect(reset.status == .ok)
            #expect(reset.headers[.cacheControl] == "no-store")
            let temporary = try #require(reset.string("temporaryPassword"))
            #expect(try await client.signIn("admin1", IdentityHarness.password).status == .unauthorized)
            #expect(try await client.signIn("admin1", temporary, captcha: harness).string("status") == "passwordChangeRequired")

            let events = try await harness.outboxPayloads(OfficialPasswordReset.eventType)
            #expect(events.count == 1)
            #expect(events.first?["officialID"] as? String == first.uuidString)
            #expect(events.first?["resetBy"] as? String == second.uuidString)
            let everyPayload = try await harness.pool.query("SELECT convert_from(payload, 'UTF8') AS p FROM outbox")
                .map { try $0.decode("p", as: String.self) }.joined()
            #expect(!everyPayload.contains(temporary))
            let audit = try await harness.pool.query("SELECT actor_id, subject_kind, subject_id, detail::text AS d FROM audit_trail WHERE action = 'password.reset'")
            #expect(audit.count == 1)
            #expect(try audit.first?.decode("actor_id", as: UUID.self) == second)
            #expect(try audit.first?.decode("subject_id", as: String.self) == "account:\(first)")
            #expect(try !(audit.first?.decode("d", as: String.self) ?? "").contains(temporary))
        }
    }
}
