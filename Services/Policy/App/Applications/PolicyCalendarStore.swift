import Foundation
import Postgres
import WorkCalendar

/// The official working-day calendar of the policy service's schema (`calendar_years`/`calendar_days`).
enum PolicyCalendarStore {
    static func load(on connection: PostgresConnection) async throws -> WorkCalendar {
        let years = try await connection.query("SELECT year, source FROM calendar_years").map {
            (year: try $0.decode("year", as: Int.self), source: try $0.decode("source", as: String.self))
        }
        let days = try await connection.query("SELECT year, to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days").map {
            (year: try $0.decode("year", as: Int.self), day: try $0.decode("day", as: String.self), kind: try $0.decode("kind", as: String.self))
        }
        return try WorkCalendar(years: years, days: days)
    }
}
