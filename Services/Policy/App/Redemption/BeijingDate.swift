import Foundation

/// Dates on the Beijing calendar (UTC+8): the application window's days and "today".
enum BeijingDate {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar
    }()

    /// `yyyy-MM-dd` of the Beijing day `date` falls on.
    static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Days from the Beijing day `from` to the Beijing day `to` (both `yyyy-MM-dd`).
    static func days(from: String, to: String) -> Int {
        guard let start = try? InterpretationFilter.day(from, "from"), let end = try? InterpretationFilter.day(to, "to") else { return 0 }
        return calendar.dateComponents([.day], from: start, to: end).day ?? 0
    }
}
