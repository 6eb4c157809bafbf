import Foundation
import Postgres
import WorkCalendar

/// The official working-day calendar of the policy service's schema (`calendar_years`/`calendar_days`).
enum PolicyCalendarStore {
    static func load(on connection: PostgresConnection) async throws -> WorkCalendar {
        var sources: [Int: String] = [:]
        for row in try await connection.query("SELECT year, source FROM calendar_years") {
            sources[try row.decode("year", as: Int.self)] = try row.decode("source", as: String.self)
        }
        var holidays: [Int: Set<CalendarDay>] = [:]
        var makeups: [Int: Set<CalendarDay>] = [:]
        for row in try await connection.query("SELECT year, to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days") {
            let year = try row.decode("year", as: Int.self)
            guard let day = CalendarDay(try row.decode("day", as: String.self)) else { continue }
            if try row.decode("kind", as: String.self) == "holiday" {
                holidays[year, default: []].insert(day)
            } else {
                makeups[year, default: []].insert(day)
            }
        }
        let years = try sources.map { year, source in
            try CalendarYear(year: year, source: source, holidays: holidays[year] ?? [], makeupWorkdays: makeups[year] ?? [])
        }
        return WorkCalendar(years: years)
    }
}
