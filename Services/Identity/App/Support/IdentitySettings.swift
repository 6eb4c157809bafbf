import Foundation
import ServiceKit

/// The identity service's own settings (beyond ServiceConfiguration), read from the environment.
public struct IdentitySettings: Sendable {
    /// bcrypt cost; `QINQING_BCRYPT_COST` (4…31), 12 by default. Tests use a low cost.
    public var bcryptCost: UInt8
    public var accessTokenLifetime: TimeInterval
    public var refreshTokenLifetime: TimeInterval
    /// Failed sign-ins for one username from one client address within `lockoutWindow` that lock that
    /// username for that address for the rest of the window.
    public var lockoutThreshold: Int
    public var lockoutWindow: TimeInterval
    /// Failed sign-ins for one username from all addresses within `globalLockoutWindow` that lock it
    /// everywhere: slower than the per-address lock, so others cannot lock an account at will.
    public var globalLockoutThreshold = 50
    public var globalLockoutWindow: TimeInterval = 60 * 60
    /// Sign-in attempts per client IP per minute; `QINQING_SIGNIN_PER_IP_PER_MINUTE`.
    public var signInsPerIPPerMinute: Int
    /// Whose `X-Forwarded-For` is believed (the gateway); `QINQING_TRUSTED_PROXIES`, loopback by default.
    public var trustedProxies = TrustedProxies.loopback
    public var captchaLifetime: TimeInterval
    /// How long before a membership ends the expiring notice goes out.
    public var membershipExpiringNotice: TimeInterval
    /// How often the membership expiry job looks.
    public var membershipSweepInterval: Duration
    /// Seed demo accounts and enterprises at start-up (local run only).
    public var seedDemoData: Bool
    /// Run the membership-expiry and contact-gap jobs (tests call their passes directly).
    public var runsBackgroundJobs = true

    public init(
        bcryptCost: UInt8 = 12, accessTokenLifetime: TimeInterval = 15 * 60,
        refreshTokenLifetime: TimeInterval = 14 * 24 * 3600, lockoutThreshold: Int = 5,
        lockoutWindow: TimeInterval = 15 * 60, signInsPerIPPerMinute: Int = 30, captchaLifetime: TimeInterval = 120,
        membershipExpiringNotice: TimeInterval = 7 * 24 * 3600, membershipSweepInterval: Duration = .seconds(60),
        seedDemoData: Bool = false
    ) {
        self.bcryptCost = bcryptCost
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.lockoutThreshold = lockoutThreshold
        self.lockoutWindow = lockoutWindow
        self.signInsPerIPPerMinute = signInsPerIPPerMinute
        self.captchaLifetime = captchaLifetime
        self.membershipExpiringNotice = membershipExpiringNotice
        self.membershipSweepInterval = membershipSweepInterval
        self.seedDemoData = seedDemoData
    }

    /// Reads `QINQING_BCRYPT_COST`, `QINQING_SIGNIN_PER_IP_PER_MINUTE`, `QINQING_TRUSTED_PROXIES`; a bad
    /// value is an error naming it.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, local: Bool
    ) throws -> IdentitySettings {
        var settings = IdentitySettings(seedDemoData: local)
        if let text = environment["QINQING_BCRYPT_COST"], !text.isEmpty {
            guard let cost = UInt8(text), (4...31).contains(cost) else {
                throw ConfigurationError(variable: "QINQING_BCRYPT_COST")
            }
            settings.bcryptCost = cost
        }
        if let text = environment["QINQING_SIGNIN_PER_IP_PER_MINUTE"], !text.isEmpty {
            guard let limit = Int(text), limit > 0 else {
                throw ConfigurationError(variable: "QINQING_SIGNIN_PER_IP_PER_MINUTE")
            }
            settings.signInsPerIPPerMinute = limit
        }
        if let text = environment["QINQING_TRUSTED_PROXIES"], !text.isEmpty {
            guard let proxies = TrustedProxies(text) else { throw ConfigurationError(variable: "QINQING_TRUSTED_PROXIES") }
            settings.trustedProxies = proxies
        }
        if environment["QINQING_SEED_DEMO"] == "0" { settings.seedDemoData = false }
        return settings
    }
}

public struct IdentitySetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
