import Foundation
@testable import IdentityApp
import ServiceKit
import Testing

@Suite("Client addresses and lock-out of others")
struct ClientAddressTests {
    @Test("X-Forwarded-For from an untrusted peer is ignored: forged addresses share the peer's per-IP limit, and the audit trail records the peer")
    func forgedForwardedFor() async throws {
        var settings = IdentityHarness.testSettings
        settings.signInsPerIPPerMinute = 3
        settings.trustedProxies = try #require(TrustedProxies("10.9.9.9, 192.168.0.0/16"))
        try await IdentityHarness.run(settings: settings) { client, harness in
            for index in 0..<3 {
                #expect(try await client.signIn("user\(index)", "Whatever#1", ip: "198.51.100.\(index)").status == .unauthorized)
            }
            let limited = try await client.signIn("user9", "Whatever#1", ip: "198.51.100.99")
            #expect(limited.status == .tooManyRequests)
            let addresses = try await harness.pool.query("SELECT DISTINCT detail->>'clientIP' AS ip FROM audit_trail")
                .map { try $0.decode("ip", as: String.self) }
            #expect(addresses == ["127.0.0.1"])
        }
    }

    @Test("trusted proxies: loopback by default, a list of addresses and CIDR blocks, IPv4 and IPv6")
    func trustedProxyList() throws {
        #expect(TrustedProxies.loopback.contains("127.0.0.1") && TrustedProxies.loopback.contains("::1"))
        #expect(!TrustedProxies.loopback.contains("10.0.0.1"))
        let list = try #require(TrustedProxies("10.42.0.0/16,fd00::/8 192.0.2.7"))
        #expect(list.contains("10.42.200.3") && !list.contains("10.43.0.1"))
        #expect(list.contains("fd12::1") && !list.contains("fe80::1"))
        #expect(list.contains("192.0.2.7") && !list.contains("192.0.2.8"))
        #expect(TrustedProxies("10.0.0.0/33") == nil && TrustedProxies("gateway") == nil)
        #expect(throws: ConfigurationError(variable: "QINQING_TRUSTED_PROXIES")) {
            try IdentitySettings.fromEnvironment(["QINQING_TRUSTED_PROXIES": "not-an-address"], local: true)
        }
    }

    @Test("failures lock a username only for the address they came from; the slower global limit locks it everywhere")
    func lockoutPerAddress() async throws {
        var settings = IdentityHarness.testSettings
        settings.globalLockoutThreshold = 8
        try await IdentityHarness.run(settings: settings) { client, harness in
            _ = try await harness.official("li", roles: [.liaison])
            _ = try await client.signIn("li", "Wrong#2026", ip: "203.0.113.5")
            for _ in 0..<4 {
                _ = try await client.signIn("li", "Wrong#2026", ip: "203.0.113.5", captcha: harness)
            }
            #expect(try await client.signIn("li", IdentityHarness.password, ip: "203.0.113.5", captcha: harness).status.code == 423)
            // The owner, elsewhere, still signs in (with a captcha, since the username saw failures).
            let owner = try await client.signIn("li", IdentityHarness.password, ip: "10.0.0.1", captcha: harness)
            #expect(owner.status == .ok)
            #expect(owner.string("accessToken") != nil)

            // Eight failures from several addresses within the hour lock the username everywhere.
            for index in 0..<8 {
                _ = try await client.signIn("li", "Wrong#2026", ip: "198.51.100.\(index % 2)", captcha: harness)
            }
            let everywhere = try await client.signIn("li", IdentityHarness.password, ip: "10.0.0.2", captcha: harness)
            #expect(everywhere.status.code == 423)
            #expect(everywhere.errorCode == "account_locked")
        }
    }
}
