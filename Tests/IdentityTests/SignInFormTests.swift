import Foundation
@testable import IdentityApp
import Testing

/// Manual 1.1.2 (账号、密码和对应的验证码) and account guide item 13 (预设账号的企业统一使用企业全称登录).
@Suite("Sign-in form")
struct SignInFormTests {
    static var defaultCaptcha: IdentitySettings {
        var settings = IdentityHarness.testSettings
        settings.captchaEverySignIn = IdentitySettings().captchaEverySignIn
        return settings
    }

    @Test("by default every sign-in asks for the captcha, the first one too")
    func captchaEveryTime() async throws {
        #expect(IdentitySettings().captchaEverySignIn)
        #expect(try IdentitySettings.fromEnvironment([:], local: true).captchaEverySignIn)
        #expect(try !IdentitySettings.fromEnvironment(["QINQING_SIGNIN_CAPTCHA": "afterFailure"], local: true).captchaEverySignIn)
        #expect(throws: (any Error).self) { try IdentitySettings.fromEnvironment(["QINQING_SIGNIN_CAPTCHA": "never"], local: true) }
        try await IdentityHarness.run(settings: Self.defaultCaptcha) { client, harness in
            _ = try await harness.official("fresh", roles: [.dispatcher])
            let bare = try await client.signIn("fresh", IdentityHarness.password)
            #expect(bare.status == .unauthorized)
            #expect(bare.errorCode == "captcha_required")
            #expect(bare.errorField == "captchaAnswer")
            let answered = try await client.signIn("fresh", IdentityHarness.password, captcha: harness)
            #expect(answered.status == .ok)
            #expect(answered.string("accessToken") != nil)
            // The next sign-in, after a success, asks again.
            #expect(try await client.signIn("fresh", IdentityHarness.password).errorCode == "captcha_required")
        }
    }

    @Test("an imported enterprise's preset account signs in with the enterprise's full name and acts as its admin")
    func presetAccountSignsInWithFullName() async throws {
        try await IdentityHarness.run(settings: Self.defaultCaptcha) { client, harness in
            let admin = try await harness.official("presetter", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let name = "平顶山预设账号测试有限公司"
            let header = EnterpriseImport.columns.joined(separator: ",")
            let imported = try await client.call(
                .post, "/enterprises/imports", bearer: platform,
                raw: header + "\n\(Samples.uscc("91410400MA0000051")),\(name),410402,C,private,20-99,,法人,,13711110005,,,,,\n",
                contentType: "text/csv")
            #expect(imported.json["imported"] as? Int == 1)
            let listed = try await client.call(.get, "/enterprises?q=%E9%A2%84%E8%AE%BE", bearer: platform)
            let enterpriseID = try #require(listed.items.first?["id"] as? String)

            let created = try await client.call(.post, "/enterprises/\(enterpriseID)/preset-account", bearer: platform)
            #expect(created.status == .created)
            #expect(created.string("username") == name)
            let temporary = try #require(created.string("temporaryPassword"))
            let twice = try await client.call(.post, "/enterprises/\(enterpriseID)/preset-account", bearer: platform)
            #expect(twice.status == .conflict)

            let first = try await client.signIn(name, temporary, captcha: harness)
            #expect(first.string("status") == "passwordChangeRequired")
            #expect(first.json["phoneRequired"] as? Bool == false)
            let ticket = try #require(first.string("changeTicket"))
            let changed = try await client.call(
                .post, "/sessions/password-change", json: ["changeTicket": ticket, "newPassword": "Qiye#2026ok"])
            #expect(changed.status == .ok)
            let signedIn = try await client.signIn(name, "Qiye#2026ok", captcha: harness)
            #expect(signedIn.status == .ok)
            let membership = (signedIn.json["claims"] as? [String: Any])?["membership"] as? [String: Any]
            #expect((membership?["enterpriseID"] as? String)?.lowercased() == enterpriseID.lowercased())
            #expect(membership?["role"] as? String == "admin")
            let audit = try await client.call(.get, "/admin/audit?action=account.created", bearer: platform)
            #expect(audit.items.count == 1)
        }
    }
}
