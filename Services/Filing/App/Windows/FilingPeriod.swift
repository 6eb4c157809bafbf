import Foundation
import Hummingbird
import ServiceKit
import WorkCalendar

/// A filing period: one calendar month, written `yyyy-MM`.
struct FilingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int

    init?(year: Int, month: Int) {
        guard (2000...2999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    init?(_ text: String) {
        guard text.range(of: #"^[0-9]{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) != nil,
            let year = Int(text.prefix(4)), let month = Int(text.suffix(2))
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The period in a path or body, or a 400 naming `field`.
    static func parse(_ text: String?, field: String = "period") throws -> FilingPeriod {
        guard let text, let period = FilingPeriod(text) else { throw APIError.invalid(field, "must be a month written yyyy-MM (2000-2999)") }
        return period
    }

    var description: String { String(format: "%04d-%02d", year, month) }
    var isJanuary: Bool { month == 1 }
    var previous: FilingPeriod? { month == 1 ? FilingPeriod(year: year - 1, month: 12) : FilingPeriod(year: year, month: month - 1) }
    var sameMonthLastYear: FilingPeriod? { FilingPeriod(year: year - 1, month: month) }
    var next: FilingPeriod? { month == 12 ? FilingPeriod(year: year + 1, month: 1) : FilingPeriod(year: year, month: month + 1) }

    /// The period's window by the standing rule: days `opensDay`…`closesDay` of the next month.
    func window(opensDay: Int, closesDay: Int) -> FilingWindow? {
        guard let next, let opens = CalendarDay(year: next.year, month: next.month, day: opensDay),
            let closes = CalendarDay(year: next.year, month: next.month, day: closesDay)
        else { return nil }
        return FilingWindow(period: self, opensOn: opens, closesOn: closes, source: "rule")
    }

    static func < (lhs: FilingPeriod, rhs: FilingPeriod) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

/// When a period's filings are taken (Beijing dates, both days included).
struct FilingWindow: Sendable, Equatable {
    var period: FilingPeriod
    var opensOn: CalendarDay
    var closesOn: CalendarDay
    /// `rule` (the standing rule) or `set` (admins set this month's own).
    var source: String

    func contains(_ day: CalendarDay) -> Bool { opensOn <= day && day <= closesOn }

    /// Today in Beijing.
    static func today(at now: Date = Date()) -> CalendarDay { CalendarDay(containing: now, in: WorkCalendar.chinaTimeZone) }

    struct View: ResponseCodable, Equatable {
        var period: String
        var opensOn: String
        var closesOn: String
        var source: String
        var open: Bool
    }

    func view(today: CalendarDay) -> View {
        View(period: period.description, opensOn: opensOn.description, closesOn: closesOn.description, source: source, open: contains(today))
    }
}
