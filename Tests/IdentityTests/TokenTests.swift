import Contracts
import Foundation
import Testing

@Suite("Tokens, refresh rotation and keys")
struct TokenTests {
    @Test("refresh rotates; reusing an old refresh token revokes the whole family; sign-out revokes")
    func refreshRotation() async throws {
        try await IdentityHarness.run { client, harness in
            _ = try await harness.official("rot", roles: [.dispatcher])
            let signedIn = try await client.signIn("rot", IdentityHarness.password)
            let first = try #require(signedIn.string("refreshToken"))
            let access = try #require(signedIn.string("accessToken"))
            #expect(try await client.call(.get, "/me", bearer: "Bearer " + access).status == .ok)
            #expect((signedIn.json["claims"] as? [String: Any])?["roles"] as? [String] == ["dispatcher"])

            let rotated = try await client.call(.post, "/sessions/refresh", json: ["refreshToken": first])
            #expect(rotated.status == .ok)
            let second = try #require(rotated.string("refreshToken"))
            #expect(second != first)

            let reuse = try await client.call(.post, "/sessions/refresh", json: ["refreshToken": first])
            #expect(reuse.status == .unauthorized)
            #expect(reuse.errorCode == "refresh_reused")
            let afterReuse = try await client.call(.post, "/sessions/refresh", json: ["refreshToken": second])
            #expect(afterReuse.status == .unauthorized)

            let again = try await client.signIn("rot", IdentityHarness.password)
            let third = try #require(again.string("refreshToken"))
            #expect(try await client.call(.post, "/sessions/sign-out", json: ["refreshToken": third]).status == .ok)
            #expect(try await client.call(.post, "/sessions/refresh", json: ["refreshToken": third]).status == .unauthorized)
            let actions = try await harness.pool.query("SELECT action FROM audit_trail").map { try $0.decode("action", as: String.self) }
            #expect(actions.contains("refresh.reuse"))
            #expect(actions.contains("sign-out"))
        }
    }

    @Test("the JWKS serves the current and previous key after a rotation; tokens of both verify")
    func keyRotation() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("keys", roles: [.platformAdmin])
            let before = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let jwks = try await client.call(.get, "/.well-known/jwks.json")
            #expect((jwks.json["keys"] as? [[String: Any]])?.count == 1)
            let rotated = try await client.call(.post, "/admin/signing-keys/rotate", bearer: before)
            #expect(rotated.status == .ok)
            let after = try await client.call(.get, "/.well-known/jwks.json")
            let keys = try #require(after.json["keys"] as? [[String: Any]])
            #expect(keys.count == 2)
            #expect(keys.first?["kid"] as? String == rotated.string("currentKeyID"))
            #expect(keys.allSatisfy { $0["crv"] as? String == "Ed25519" })
            #expect(try await client.call(.get, "/me", bearer: before).status == .ok)
            let fresh = try await client.signIn("keys", IdentityHarness.password)
            #expect(try await client.call(.get, "/me", bearer: "Bearer " + (fresh.string("accessToken") ?? "")).status == .ok)
            let stored = try await harness.pool.query("SELECT private_sealed FROM signing_keys")
            #expect(stored.count == 2)
        }
    }
}
