import Foundation
import Postgres
import WorkCalendar

/// Reads and writes the official calendar years kept in `calendar_years` / `calendar_days`.
enum CalendarStore {
    /// The loaded years, from `CalendarCache` while their rows are unchanged (`xmin`: the row's version).
    static func load(on connection: PostgresConnection) async throws -> WorkCalendar {
        let row = try await connection.query(
            """
            SELECT current_schema() AS schema,
                   coalesce(string_agg(year::text || ':' || xmin::text, ',' ORDER BY year), '') AS fingerprint
            FROM calendar_years
            """)[0]
        let schema = try row.decode("schema", as: String.self)
        let fingerprint = try row.decode("fingerprint", as: String.self)
        if let calendar = await CalendarCache.shared.calendar(schema: schema, fingerprint: fingerprint) { return calendar }
        let calendar = try await read(on: connection)
        await CalendarCache.shared.keep(calendar, schema: schema, fingerprint: fingerprint)
        return calendar
    }

    private static func read(on connection: PostgresConnection) async throws -> WorkCalendar {
        let years = try await connection.query("SELECT year, source FROM calendar_years").map {
            (year: try $0.decode("year", as: Int.self), source: try $0.decode("source", as: String.self))
        }
        let days = try await connection.query("SELECT year, to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days").map {
            (year: try $0.decode("year", as: Int.self), day: try $0.decode("day", as: String.self), kind: try $0.decode("kind", as: String.self))
        }
        return try WorkCalendar(years: years, days: days)
    }

    /// Replaces one year (an admin publishing or correcting it).
    static func save(_ year: CalendarYear, by accountID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("DELETE FROM calendar_years WHERE year = \(year.year)")
        try await connection.execute(
            "INSERT INTO calendar_years (year, source, loaded_by) VALUES (\(year.year), \(year.source), \(accountID))")
        for (kind, days) in [("holiday", year.holidays), ("makeup", year.makeupWorkdays)] {
            for day in days {
                try await connection.execute(
                    "INSERT INTO calendar_days (day, year, kind) VALUES (\(day.description)::date, \(year.year), \(kind))")
            }
        }
    }
}
