import Foundation

/// How a step's limit is counted.
public enum DayCounting: String, Sendable, Codable, CaseIterable {
    case workingDays
    case calendarDays
    /// Whole months: N months from D end at the end of the same day of the month N months later
    /// (the month's last day when it is shorter), as "resolved within 1 month" is read.
    case calendarMonths
}

/// The official working-day calendar over the loaded years, with day boundaries in one time zone.
///
/// A limit of N days starting on day D ends at the end of the N-th (working) day after D; D itself
/// does not count. Any question about a year that is not loaded throws `yearNotLoaded`.
public struct WorkCalendar: Sendable {
    /// China Standard Time: the platform's day boundaries.
    public static let chinaTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    public let timeZone: TimeZone
    private let years: [Int: CalendarYear]

    public init(years: [CalendarYear], timeZone: TimeZone = WorkCalendar.chinaTimeZone) {
        self.timeZone = timeZone
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, newer in newer })
    }

    public var loadedYears: [Int] { years.keys.sorted() }

    public func isWorkingDay(_ day: CalendarDay) throws -> Bool {
        guard let year = years[day.year] else { throw WorkCalendarError.yearNotLoaded(day.year) }
        return year.isWorkingDay(day)
    }

    /// The last day of a limit of `count` days that starts on `start`.
    public func lastDay(of count: Int, _ counting: DayCounting, after start: CalendarDay) throws -> CalendarDay {
        guard count >= 0 else { throw WorkCalendarError.negativeLimit(count) }
        switch counting {
        case .calendarDays:
            let last = start.adding(days: count)
            guard years[last.year] != nil else { throw WorkCalendarError.yearNotLoaded(last.year) }
            return last
        case .calendarMonths:
            let last = start.adding(months: count)
            guard years[last.year] != nil else { throw WorkCalendarError.yearNotLoaded(last.year) }
            return last
        case .workingDays:
            var day = start
            var remaining = count
            while remaining > 0 {
                day = day.adding(days: 1)
                if try isWorkingDay(day) { remaining -= 1 }
            }
            return day
        }
    }

    /// The instant a limit of `count` days that starts at `start` runs out: the end of its last day.
    public func deadline(_ count: Int, _ counting: DayCounting, from start: Date) throws -> Date {
        let day = CalendarDay(containing: start, in: timeZone)
        return try lastDay(of: count, counting, after: day).end(in: timeZone)
    }

    /// Working days strictly after `from`'s day up to and including `to`'s day (0 when `to` is not later).
    public func workingDays(after from: Date, through to: Date) throws -> Int {
        var day = CalendarDay(containing: from, in: timeZone)
        let last = CalendarDay(containing: to, in: timeZone)
        var count = 0
        while day < last {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { count += 1 }
        }
        return count
    }
}

extension WorkCalendar {
    /// The loaded year, if any.
    public func year(_ year: Int) -> CalendarYear? { years[year] }
}
