import Foundation
import HTTPTypes
import Postgres
import ServiceKit

/// The lock-out rule, built so nobody can lock someone else out at will: `lockoutThreshold`
/// failures for one username from one client address within `lockoutWindow` lock that username for
/// that address until the oldest of them leaves the window; `globalLockoutThreshold` failures from
/// all addresses within the longer `globalLockoutWindow` lock it everywhere. Any recent failure of the
/// username (from anywhere) makes the captcha required.
struct SignInGuard {
    let settings: IdentitySettings

    struct State {
        /// Failures of this username from this address within the lock-out window.
        var recentFailures: Int
        /// Failures of this username from all addresses within the global window.
        var globalFailures: Int
        var lockedUntil: Date?
        var captchaRequired: Bool
        /// True when the failure just recorded is the one that locked the username.
        func lockedJustNow(_ settings: IdentitySettings) -> Bool {
            lockedUntil != nil
                && (recentFailures == settings.lockoutThreshold || globalFailures == settings.globalLockoutThreshold)
        }
    }

    func state(username: String, clientIP: String, on connection: PostgresConnection) async throws -> State {
        let all = try await SessionStore.recentFailures(
            username, window: max(settings.lockoutWindow, settings.globalLockoutWindow), on: connection)
        let now = Date()
        let local = all.filter { $0.clientIP == clientIP && now.timeIntervalSince($0.at) < settings.lockoutWindow }.map(\.at)
        let global = all.filter { now.timeIntervalSince($0.at) < settings.globalLockoutWindow }.map(\.at)
        // Failures come newest first; a lock lasts its whole window from the failure that made it,
        // so "try again in 15 minutes" holds however spread out the failures were.
        var locks: [Date] = []
        if local.count >= settings.lockoutThreshold, let latest = local.first {
            locks.append(latest.addingTimeInterval(settings.lockoutWindow))
        }
        if global.count >= settings.globalLockoutThreshold, let latest = global.first {
            locks.append(latest.addingTimeInterval(settings.globalLockoutWindow))
        }
        let anyRecent = all.contains { now.timeIntervalSince($0.at) < settings.lockoutWindow }
        return State(recentFailures: local.count, globalFailures: global.count, lockedUntil: locks.max(), captchaRequired: settings.captchaEverySignIn || anyRecent)
    }

    static func lockedError(until: Date, now: Date = Date()) -> APIError {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        let minutes = (seconds + 59) / 60
        return APIError(
            HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), code: "account_locked",
            message: "too many failed sign-ins: this account is locked until \(ISO8601DateFormatter().string(from: until)); "
                + "try again in \(minutes) minute\(minutes == 1 ? "" : "s")",
            headers: [.retryAfter: String(seconds)])
    }

    static func rateLimitedError(retryAfter seconds: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "rate_limited",
            message: "too many sign-in attempts from this address; try again in \(seconds) seconds",
            headers: [.retryAfter: String(seconds)])
    }
}
