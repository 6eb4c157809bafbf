import Foundation
import WorkCalendar

/// The 2025 and 2026 calendars as DOMAIN.md gives them, written independently of the service's seed.
enum OfficialYears {
    static func days(_ year: Int, _ ranges: [(String, String)]) -> Set<CalendarDay> {
        var result: Set<CalendarDay> = []
        for (first, last) in ranges {
            var day = CalendarDay("\(year)-\(first)")!
            let end = CalendarDay("\(year)-\(last)")!
            while day <= end {
                result.insert(day)
                day = day.adding(days: 1)
            }
        }
        return result
    }

    static func y2025() throws -> CalendarYear {
        try CalendarYear(
            year: 2025, source: "国办发明电〔2024〕12号",
            holidays: days(2025, [("01-01", "01-01"), ("01-28", "02-04"), ("04-04", "04-06"), ("05-01", "05-05"),
                                  ("05-31", "06-02"), ("10-01", "10-08")]),
            makeupWorkdays: days(2025, [("01-26", "01-26"), ("02-08", "02-08"), ("04-27", "04-27"), ("09-28", "09-28"),
                                        ("10-11", "10-11")]))
    }

    static func y2026() throws -> CalendarYear {
        try CalendarYear(
            year: 2026, source: "国办发明电〔2025〕7号",
            holidays: days(2026, [("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"),
                                  ("06-19", "06-21"), ("09-25", "09-27"), ("10-01", "10-07")]),
            makeupWorkdays: days(2026, [("01-04", "01-04"), ("02-14", "02-14"), ("02-28", "02-28"), ("05-09", "05-09"),
                                        ("09-20", "09-20"), ("10-10", "10-10")]))
    }

    static func calendar() throws -> WorkCalendar {
        WorkCalendar(years: [try y2025(), try y2026()])
    }
}
