import Foundation
import WorkCalendar

/// The city's delivery settings, kept in the `settings` table so an admin can change them.
struct NotificationSettings: Sendable, Equatable {
    static let keys = [
        "signature", "link_base", "quiet_start", "quiet_end", "sms_per_hour", "merge_window_minutes",
        "retry_base_seconds", "retry_max_attempts",
    ]

    var values: [String: String]

    var signature: String { values["signature"] ?? "" }
    var linkBase: String { values["link_base"] ?? "" }
    var quietHours: QuietHours? { QuietHours(start: values["quiet_start"] ?? "", end: values["quiet_end"] ?? "") }
    var smsPerHour: Int { integer("sms_per_hour", default: 5) }
    var mergeWindowMinutes: Int { integer("merge_window_minutes", default: 10) }
    var retryBaseSeconds: Int { integer("retry_base_seconds", default: 30) }
    var retryMaxAttempts: Int { integer("retry_max_attempts", default: 5) }

    private func integer(_ key: String, default value: Int) -> Int {
        values[key].flatMap(Int.init) ?? value
    }

    /// Checks one setting's value; nil when acceptable, else the problem.
    static func problem(key: String, value: String) -> String? {
        switch key {
        case "signature": value.hasPrefix("【") && value.hasSuffix("】") && value.count >= 3 ? nil : "must look like 【城市亲清平台】"
        case "link_base": value.hasPrefix("http://") || value.hasPrefix("https://") ? nil : "must be an http(s) URL"
        case "quiet_start", "quiet_end": QuietHours.minutes(value) == nil ? "must be HH:mm" : nil
        case "sms_per_hour", "retry_max_attempts":
            (Int(value).map { $0 >= 1 && $0 <= 1000 } ?? false) ? nil : "must be a whole number from 1 to 1000"
        case "merge_window_minutes", "retry_base_seconds":
            (Int(value).map { $0 >= 0 && $0 <= 86400 } ?? false) ? nil : "must be a whole number from 0 to 86400"
        default: "is not a setting"
        }
    }
}

/// Hours (Beijing time) in which non-urgent SMS wait; `start == end` means none.
struct QuietHours: Sendable, Equatable {
    let start: Int
    let end: Int

    init?(start: String, end: String) {
        guard let start = Self.minutes(start), let end = Self.minutes(end) else { return nil }
        self.start = start
        self.end = end
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }

    /// When a non-urgent SMS due at `date` may go: nil when at once, else the end of the quiet period.
    func deferral(for date: Date) -> Date? {
        guard start != end else { return nil }
        let calendar = BeijingTime.calendar
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let now = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let inside = start < end ? (now >= start && now < end) : (now >= start || now < end)
        guard inside else { return nil }
        let startOfDay = calendar.startOfDay(for: date)
        var candidate = startOfDay.addingTimeInterval(TimeInterval(end * 60))
        if candidate <= date { candidate = candidate.addingTimeInterval(24 * 3600) }
        return candidate
    }
}
