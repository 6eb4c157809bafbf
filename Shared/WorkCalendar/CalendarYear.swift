import Foundation

/// One year of the official calendar as the State Council publishes it: the days off that would
/// otherwise be working days, and the weekend days that are working days (调休, makeup days).
public struct CalendarYear: Sendable, Equatable, Codable {
    public let year: Int
    /// Where the year comes from, e.g. "国办发明电〔2024〕12号".
    public let source: String
    public let holidays: Set<CalendarDay>
    public let makeupWorkdays: Set<CalendarDay>

    /// Checks that every day lies in `year`, that no day is both off and a makeup day, and that
    /// makeup days fall on weekends (a weekday cannot be "made up").
    public init(year: Int, source: String, holidays: Set<CalendarDay>, makeupWorkdays: Set<CalendarDay>) throws {
        guard (1900...9999).contains(year) else { throw WorkCalendarError.invalidYear(year) }
        for day in holidays.union(makeupWorkdays) where day.year != year {
            throw WorkCalendarError.dayOutsideYear(day, year: year)
        }
        if let both = holidays.intersection(makeupWorkdays).min() {
            throw WorkCalendarError.dayBothOffAndWorking(both)
        }
        if let weekday = makeupWorkdays.filter({ !$0.isWeekend }).min() {
            throw WorkCalendarError.makeupDayNotOnWeekend(weekday)
        }
        self.year = year
        self.source = source
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
    }

    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        if holidays.contains(day) { return false }
        if makeupWorkdays.contains(day) { return true }
        return !day.isWeekend
    }
}
