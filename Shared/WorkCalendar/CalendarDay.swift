import Foundation

/// A civil date (year, month, day) with no time and no zone: the unit the official calendar speaks in.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the parts are not a real date (2025-02-30).
    public init?(year: Int, month: Int, day: Int) {
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = CalendarDay.gregorian
        guard (1...9999).contains(year), components.isValidDate else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-MM-dd`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `instant` falls on in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        var calendar = CalendarDay.gregorian
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool {
        let weekday = CalendarDay.gregorian.component(.weekday, from: noonUTC)
        return weekday == 1 || weekday == 7
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDay {
        let moved = CalendarDay.gregorian.date(byAdding: .day, value: count, to: noonUTC) ?? noonUTC
        return CalendarDay(containing: moved, in: .gmt)
    }

    /// The same day of the month `count` months later, or that month's last day when it is shorter
    /// (2026-01-31 + 1 month = 2026-02-28).
    public func adding(months count: Int) -> CalendarDay {
        let moved = CalendarDay.gregorian.date(byAdding: .month, value: count, to: noonUTC) ?? noonUTC
        return CalendarDay(containing: moved, in: .gmt)
    }

    /// The instant this day starts in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = CalendarDay.gregorian
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? noonUTC
    }

    /// The instant this day ends in `timeZone` (the next day's first instant, exclusive).
    public func end(in timeZone: TimeZone) -> Date {
        adding(days: 1).start(in: timeZone)
    }

    private var noonUTC: Date {
        CalendarDay.gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) ?? Date(timeIntervalSince1970: 0)
    }

    static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}

extension CalendarDay {
    /// Days from this day to `other` (negative when `other` is earlier).
    public func distance(to other: CalendarDay) -> Int {
        let from = CalendarDay.gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
        let to = CalendarDay.gregorian.date(from: DateComponents(year: other.year, month: other.month, day: other.day, hour: 12))
        guard let from, let to else { return 0 }
        return CalendarDay.gregorian.dateComponents([.day], from: from, to: to).day ?? 0
    }
}
