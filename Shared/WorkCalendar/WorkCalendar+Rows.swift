import Foundation

extension WorkCalendar {
    /// A service's stored copy of the calendar, as its `calendar_years` (year, source) and
    /// `calendar_days` (year, day yyyy-MM-dd, `holiday` or `makeup`) rows hold it; days that do not
    /// parse are skipped.
    public init(years: [(year: Int, source: String)], days: [(year: Int, day: String, kind: String)]) throws {
        var holidays: [Int: Set<CalendarDay>] = [:]
        var makeups: [Int: Set<CalendarDay>] = [:]
        for row in days {
            guard let day = CalendarDay(row.day) else { continue }
            if row.kind == "holiday" {
                holidays[row.year, default: []].insert(day)
            } else {
                makeups[row.year, default: []].insert(day)
            }
        }
        self.init(
            years: try years.map { try CalendarYear(year: $0.year, source: $0.source, holidays: holidays[$0.year] ?? [], makeupWorkdays: makeups[$0.year] ?? []) })
    }
}
