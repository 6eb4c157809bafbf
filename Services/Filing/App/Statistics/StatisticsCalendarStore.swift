import Contracts
import Foundation
import Postgres
import WorkCalendar

/// The statistics' copy of the official working-day calendar (`stat_calendar_years`, migration 0026), kept
/// from the appeals service's `CalendarYearPublished`: what working days to reply are counted on.
enum StatisticsCalendarStore {
    /// Replaces the year unless a later publication of it is already kept (a late or repeated event
    /// changes nothing), then folds again the replied cases whose submission-to-first-reply span touches
    /// the year (Beijing days), all on the new calendar.
    static func published(_ event: CalendarYearPublished, on connection: PostgresConnection) async throws {
        // The appeals service checked the year; a payload that is not a valid year is not kept (the
        // consumer sends it to the dead-letter topic), so the stored copy always builds a calendar.
        do {
            _ = try calendarYear(year: event.year, source: event.source, holidays: event.holidays, makeupWorkdays: event.makeupWorkdays)
        } catch {
            // Malformed, not a passing fault: the consumer dead-letters it instead of retrying it forever.
            throw EnvelopeError.malformedBody(type: CalendarYearPublished.eventType, reason: "\(error)")
        }
        let replaced = try await connection.query(
            """
            INSERT INTO stat_calendar_years AS s (year, source, holidays, makeup_workdays, published_at)
            VALUES (\(event.year), \(event.source), \(event.holidays)::date[], \(event.makeupWorkdays)::date[], \(event.publishedAt))
            ON CONFLICT (year) DO UPDATE SET source = excluded.source, holidays = excluded.holidays,
                makeup_workdays = excluded.makeup_workdays, published_at = excluded.published_at
            WHERE excluded.published_at > s.published_at
            RETURNING year
            """)
        guard try replaced.map({ try $0.decode("year", as: Int.self) }).first != nil else { return }
        let cases = try await connection.query(
            """
            SELECT case_id FROM stat_cases
            WHERE first_replied_at IS NOT NULL
              AND submitted_at < make_timestamptz(\(event.year)::int + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')
              AND first_replied_at >= make_timestamptz(\(event.year)::int, 1, 1, 0, 0, 0, 'Asia/Shanghai')
            ORDER BY case_id
            """
        ).map { try $0.decode("case_id", as: UUID.self) }
        try await StatisticsStore.refold(cases, calendar: try await load(on: connection), on: connection)
    }

    /// The kept years as a calendar (Beijing day boundaries).
    static func load(on connection: PostgresConnection) async throws -> WorkCalendar {
        let rows = try await connection.query(
            """
            SELECT year, source,
                array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) AS d ORDER BY d) AS holidays,
                array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(makeup_workdays) AS d ORDER BY d) AS makeups
            FROM stat_calendar_years
            """
        ).map {
            (year: try $0.decode("year", as: Int.self), source: try $0.decode("source", as: String.self),
             holidays: try $0.decode("holidays", as: [String].self), makeups: try $0.decode("makeups", as: [String].self))
        }
        let days = rows.flatMap { row in
            row.holidays.map { (year: row.year, day: $0, kind: "holiday") } + row.makeups.map { (year: row.year, day: $0, kind: "makeup") }
        }
        return try WorkCalendar(years: rows.map { (year: $0.year, source: $0.source) }, days: days)
    }

    /// The year as the calendar library checks it: every day a date of the year, none both off and working,
    /// makeup days on weekends.
    static func calendarYear(year: Int, source: String, holidays: [String], makeupWorkdays: [String]) throws -> CalendarYear {
        func days(_ texts: [String]) throws -> Set<CalendarDay> {
            Set(try texts.map { text in
                guard let day = CalendarDay(text) else { throw StatisticsCalendarError.notADay(text) }
                return day
            })
        }
        return try CalendarYear(year: year, source: source, holidays: try days(holidays), makeupWorkdays: try days(makeupWorkdays))
    }
}

enum StatisticsCalendarError: Error, CustomStringConvertible {
    case notADay(String)

    var description: String {
        switch self {
        case .notADay(let text): "\(text) is not a date yyyy-MM-dd"
        }
    }
}
