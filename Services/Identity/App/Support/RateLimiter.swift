import Foundation

/// A sliding-window counter per key (client IP), in memory: each instance limits on its own.
actor RateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var hits: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records a hit; returns nil when allowed, or the seconds until the next one is allowed.
    func hit(_ key: String, now: Date = Date()) -> Int? {
        var recent = (hits[key] ?? []).filter { now.timeIntervalSince($0) < window }
        if recent.count >= limit {
            hits[key] = recent
            let retry = window - now.timeIntervalSince(recent[0])
            return max(1, Int(retry.rounded(.up)))
        }
        recent.append(now)
        hits[key] = recent
        if hits.count > 10_000 { hits = hits.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last ?? now) < window } }
        return nil
    }
}
