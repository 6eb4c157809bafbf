import Contracts
import Foundation
import Testing

@Suite("Sign-in, captcha and lock-out")
struct SignInTests {
    @Test("a failure makes the captcha required; five failures in 15 minutes lock the account with a retry time; the lock expires")
    func lockout() async throws {
        try await IdentityHarness.run { client, harness in
            _ = try await harness.official("wang", roles: [.liaison])
            let first = try await client.signIn("wang", "Wrong#2026")
            #expect(first.status == .unauthorized)
            #expect(first.errorCode == "invalid_credentials")

            let noCaptcha = try await client.signIn("wang", IdentityHarness.password)
            #expect(noCaptcha.status == .unauthorized)
            #expect(noCaptcha.errorCode == "captcha_required")

            var wrongCaptcha: [String: Any] = ["username": "wang", "password": IdentityHarness.password]
            let challenge = try await client.call(.post, "/captchas")
            #expect(challenge.string("svg")?.hasPrefix("<svg") == true)
            wrongCaptcha["captchaID"] = challenge.string("captchaID")
            wrongCaptcha["captchaAnswer"] = "00000"
            #expect(try await client.call(.post, "/sessions", json: wrongCaptcha).errorCode == "captcha_invalid")
            // Single use: the right answer no longer works on a used challenge.
            wrongCaptcha["captchaAnswer"] = try await harness.captchaAnswer(challenge.string("captchaID") ?? "")
            #expect(try await client.call(.post, "/sessions", json: wrongCaptcha).errorCode == "captcha_invalid")

            for _ in 0..<3 {
                #expect(try await client.signIn("wang", "Wrong#2026", captcha: harness).status == .unauthorized)
            }
            let fifth = try await client.signIn("wang", "Wrong#2026", captcha: harness)
            #expect(fifth.status.code == 423)
            #expect(fifth.errorCode == "account_locked")
            #expect(fifth.errorMessage.contains("try again in 15 minutes"))
            #expect(Int(fifth.headers[.retryAfter] ?? "") ?? 0 > 800)

            let locked = try await client.signIn("wang", IdentityHarness.password, captcha: harness)
            #expect(locked.status.code == 423)

            // Fifteen minutes later the lock is over.
            try await harness.pool.execute("UPDATE sign_in_failures SET failed_at = failed_at - interval '16 minutes'")
            let after = try await client.signIn("wang", IdentityHarness.password)
            #expect(after.status == .ok)
            #expect(after.string("accessToken") != nil)

            let actions = try await harness.pool.query("SELECT action FROM audit_trail ORDER BY seq").map { try $0.decode("action", as: String.self) }
            #expect(actions.filter { $0 == "sign-in.failed" }.count == 5)
            #expect(actions.contains("lockout"))
            #expect(actions.last == "sign-in")
        }
    }

    @Test("failures spread over the window still lock for the whole window from the last one")
    func lockoutFromLastFailure() async throws {
        try await IdentityHarness.run { client, harness in
            _ = try await harness.official("zhao", roles: [.liaison])
            for _ in 0..<4 {
                #expect(try await client.signIn("zhao", "Wrong#2026", captcha: harness).status == .unauthorized)
            }
            // The first four were ten minutes ago: five in the window, and the lock counts from now.
            try await harness.pool.execute("UPDATE sign_in_failures SET failed_at = failed_at - interval '10 minutes'")
            let fifth = try await client.signIn("zhao", "Wrong#2026", captcha: harness)
            #expect(fifth.status.code == 423)
            #expect(fifth.errorMessage.contains("try again in 15 minutes"))
            #expect(Int(fifth.headers[.retryAfter] ?? "") ?? 0 > 14 * 60)
        }
    }

    @Test("an unknown username fails like a wrong password")
    func unknownUser() async throws {
        try await IdentityHarness.run { client, _ in
            let reply = try await client.signIn("nobody", "Whatever#1")
            #expect(reply.status == .unauthorized)
            #expect(reply.errorCode == "invalid_credentials")
        }
    }

    @Test("the per-IP rate limit answers 429 with Retry-After")
    func rateLimit() async throws {
        var settings = IdentityHarness.testSettings
        settings.signInsPerIPPerMinute = 3
        try await IdentityHarness.run(settings: settings) { client, _ in
            for index in 0..<3 {
                #expect(try await client.signIn("user\(index)", "Whatever#1", ip: "192.0.2.7").status == .unauthorized)
            }
            let limited = try await client.signIn("user9", "Whatever#1", ip: "192.0.2.7")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await client.signIn("user9", "Whatever#1", ip: "192.0.2.8").status == .unauthorized)
        }
    }

    @Test("the audit chain verifies, and altering one row breaks verification at that row")
    func auditChain() async throws {
        try await IdentityHarness.run { client, harness in
            _ = try await harness.official("chain", roles: [.inspector])
            _ = try await client.signIn("chain", "Bad#password1")
            _ = try await client.signIn("chain", IdentityHarness.password, captcha: harness)
            let admin = try await harness.official("auditor", roles: [.platformAdmin])
            let bearer = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let good = try await client.call(.get, "/admin/audit/verification", bearer: bearer)
            #expect(good.status == .ok)
            #expect(good.json["valid"] as? Bool == true)
            #expect(good.json["rows"] as? Int == 2)

            try await harness.pool.execute("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_immutable")
            try await harness.pool.execute(
                "UPDATE audit_trail SET detail = jsonb_set(detail, '{clientIP}', '\"203.0.113.9\"') WHERE seq = 1")
            let broken = try await client.call(.get, "/admin/audit/verification", bearer: bearer)
            #expect(broken.json["valid"] as? Bool == false)
            #expect(broken.json["brokenAt"] as? Int == 1)
        }
    }
}
