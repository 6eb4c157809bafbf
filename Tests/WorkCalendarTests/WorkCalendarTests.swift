import Foundation
import Testing
import WorkCalendar

@Suite("Official working-day calendar")
struct WorkCalendarTests {
    let shanghai = WorkCalendar.chinaTimeZone

    func instant(_ text: String) -> Date {
        try! Date.ISO8601FormatStyle().parse(text)
    }

    @Test("15 working days from Friday 2025-09-26 end with 2025-10-23 (National Day week, two makeup days)")
    func nationalDay2025() throws {
        let calendar = try OfficialYears.calendar()
        let last = try calendar.lastDay(of: 15, .workingDays, after: CalendarDay("2025-09-26")!)
        #expect(last == CalendarDay("2025-10-23"))
        let due = try calendar.deadline(15, .workingDays, from: instant("2025-09-26T10:30:00+08:00"))
        #expect(due == instant("2025-10-24T00:00:00+08:00"))
    }

    @Test("1 working day from Friday 2026-02-13 ends with the makeup Saturday 2026-02-14")
    func makeupSaturday2026() throws {
        let calendar = try OfficialYears.calendar()
        let due = try calendar.deadline(1, .workingDays, from: instant("2026-02-13T16:00:00+08:00"))
        #expect(due == instant("2026-02-15T00:00:00+08:00"))
        // The next one runs over the Spring Festival holiday.
        #expect(try calendar.lastDay(of: 2, .workingDays, after: CalendarDay("2026-02-13")!) == CalendarDay("2026-02-24"))
    }

    @Test("day boundaries are Asia/Shanghai: 01:00 on Saturday in Shanghai is still Friday in UTC")
    func shanghaiBoundaries() throws {
        let calendar = try OfficialYears.calendar()
        // 2025-09-26T17:00Z is Saturday 27th 01:00 in Shanghai; the 1st working day after it is the makeup Sunday 28th.
        let due = try calendar.deadline(1, .workingDays, from: instant("2025-09-26T17:00:00Z"))
        #expect(due == instant("2025-09-29T00:00:00+08:00"))
    }

    @Test("calendar days count every day, holidays included")
    func calendarDays() throws {
        let calendar = try OfficialYears.calendar()
        #expect(try calendar.lastDay(of: 7, .calendarDays, after: CalendarDay("2025-09-30")!) == CalendarDay("2025-10-07"))
        #expect(try calendar.lastDay(of: 0, .workingDays, after: CalendarDay("2025-10-01")!) == CalendarDay("2025-10-01"))
    }

    @Test("a month ends on the same day of the next month, or that month's last day (13710's major matters)")
    func calendarMonths() throws {
        let calendar = try OfficialYears.calendar()
        #expect(try calendar.lastDay(of: 1, .calendarMonths, after: CalendarDay("2025-09-26")!) == CalendarDay("2025-10-26"))
        #expect(try calendar.lastDay(of: 1, .calendarMonths, after: CalendarDay("2026-01-31")!) == CalendarDay("2026-02-28"))
        let due = try calendar.deadline(1, .calendarMonths, from: instant("2025-12-15T09:00:00+08:00"))
        #expect(due == instant("2026-01-16T00:00:00+08:00"))
        #expect(throws: WorkCalendarError.yearNotLoaded(2027)) {
            try calendar.lastDay(of: 1, .calendarMonths, after: CalendarDay("2026-12-10")!)
        }
    }

    @Test("weekends are off, holidays are off, makeup days work")
    func dayKinds() throws {
        let calendar = try OfficialYears.calendar()
        #expect(try calendar.isWorkingDay(CalendarDay("2025-10-08")!) == false)
        #expect(try calendar.isWorkingDay(CalendarDay("2025-10-11")!) == true)
        #expect(try calendar.isWorkingDay(CalendarDay("2025-10-12")!) == false)
        #expect(try calendar.isWorkingDay(CalendarDay("2026-06-19")!) == false)
        #expect(try calendar.isWorkingDay(CalendarDay("2026-06-22")!) == true)
    }

    @Test("a deadline in a year with no calendar loaded is an error naming the year")
    func missingYear() throws {
        let calendar = try OfficialYears.calendar()
        #expect(throws: WorkCalendarError.yearNotLoaded(2027)) {
            try calendar.deadline(15, .workingDays, from: instant("2026-12-20T09:00:00+08:00"))
        }
        #expect(throws: WorkCalendarError.yearNotLoaded(2027)) {
            try calendar.deadline(30, .calendarDays, from: instant("2026-12-20T09:00:00+08:00"))
        }
        #expect(throws: WorkCalendarError.yearNotLoaded(2024)) {
            try calendar.isWorkingDay(CalendarDay("2024-12-31")!)
        }
    }

    @Test("working days elapsed between two instants")
    func elapsed() throws {
        let calendar = try OfficialYears.calendar()
        #expect(try calendar.workingDays(after: instant("2025-09-26T09:00:00+08:00"), through: instant("2025-10-09T09:00:00+08:00")) == 4)
        #expect(try calendar.workingDays(after: instant("2025-10-09T09:00:00+08:00"), through: instant("2025-10-09T18:00:00+08:00")) == 0)
        // The count a limit uses: the last instant before a 15-working-day deadline is 15 working days on (the filing
        // statistics' working days to reply). Beijing days: 23:30 on Friday 26 September is still that Friday, so to
        // Monday 29 it is 2 (Sunday 28 is a makeup day).
        let submitted = instant("2025-09-26T23:30:00+08:00")
        let due = try calendar.deadline(15, .workingDays, from: submitted)
        #expect(try calendar.workingDays(after: submitted, through: due.addingTimeInterval(-1)) == 15)
        #expect(try calendar.workingDays(after: submitted, through: due) == 16)  // the deadline is the next day's first instant
        #expect(try calendar.workingDays(after: instant("2025-09-26T23:30:00+08:00"), through: instant("2025-09-29T00:10:00+08:00")) == 2)
        // A span reaching a year without a calendar is not counted.
        #expect(throws: WorkCalendarError.yearNotLoaded(2027)) {
            try calendar.workingDays(after: instant("2026-12-28T09:00:00+08:00"), through: instant("2027-01-05T09:00:00+08:00"))
        }
    }

    @Test("a published year is checked: makeup days on weekends, days inside the year, never both")
    func yearValidation() {
        #expect(throws: WorkCalendarError.makeupDayNotOnWeekend(CalendarDay("2027-01-04")!)) {
            try CalendarYear(year: 2027, source: "x", holidays: [], makeupWorkdays: [CalendarDay("2027-01-04")!])
        }
        #expect(throws: WorkCalendarError.dayOutsideYear(CalendarDay("2026-12-31")!, year: 2027)) {
            try CalendarYear(year: 2027, source: "x", holidays: [CalendarDay("2026-12-31")!], makeupWorkdays: [])
        }
        #expect(throws: WorkCalendarError.dayBothOffAndWorking(CalendarDay("2027-01-02")!)) {
            try CalendarYear(year: 2027, source: "x", holidays: [CalendarDay("2027-01-02")!], makeupWorkdays: [CalendarDay("2027-01-02")!])
        }
        #expect(CalendarDay("2025-02-29") == nil)
        #expect(CalendarDay("2025-2-1") == nil)
    }
}
