import Foundation
import HTTPTypes
import Postgres
import ServiceKit

/// The lock-out rule: `threshold` failures for one username within `window` lock it until the
/// oldest of those failures leaves the window. Any recent failure makes the captcha required.
struct SignInGuard {
    let settings: IdentitySettings

    struct State {
        var recentFailures: Int
        var lockedUntil: Date?
        var captchaRequired: Bool { recentFailures > 0 }
    }

    func state(username: String, on connection: PostgresConnection) async throws -> State {
        let times = try await SessionStore.recentFailures(username, window: settings.lockoutWindow, on: connection)
        var lockedUntil: Date?
        if times.count >= settings.lockoutThreshold {
            lockedUntil = times[settings.lockoutThreshold - 1].addingTimeInterval(settings.lockoutWindow)
        }
        return State(recentFailures: times.count, lockedUntil: lockedUntil)
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
