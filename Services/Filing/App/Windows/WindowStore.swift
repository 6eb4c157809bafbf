import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// Every statement of windows and reopenings: `window_rule`, `filing_windows`, `reopenings`.
enum WindowStore {
    struct Rule: ResponseCodable, Equatable {
        var opensDay: Int
        var closesDay: Int
    }

    static func rule(on connection: PostgresConnection) async throws -> Rule {
        guard let row = try await connection.query("SELECT opens_day, closes_day FROM window_rule").first else {
            return Rule(opensDay: 1, closesDay: 10)
        }
        return Rule(opensDay: try row.decode("opens_day"), closesDay: try row.decode("closes_day"))
    }

    static func setRule(_ rule: Rule, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE window_rule SET opens_day = \(rule.opensDay), closes_day = \(rule.closesDay)")
    }

    /// The period's window: the month's own when admins set one, else the standing rule's.
    static func window(of period: FilingPeriod, on connection: PostgresConnection) async throws -> FilingWindow {
        let rows = try await connection.query(
            "SELECT opens_on::text AS opens, closes_on::text AS closes FROM filing_windows WHERE period = \(period.description)")
        if let row = rows.first, let opens = CalendarDay(try row.decode("opens", as: String.self)),
            let closes = CalendarDay(try row.decode("closes", as: String.self))
        {
            return FilingWindow(period: period, opensOn: opens, closesOn: closes, source: "set")
        }
        let rule = try await rule(on: connection)
        guard let window = period.window(opensDay: rule.opensDay, closesDay: rule.closesDay) else {
            throw APIError.invalid("period", "has no window")
        }
        return window
    }

    static func setWindow(_ window: FilingWindow, by official: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO filing_windows (period, opens_on, closes_on, set_by, set_at)
            VALUES (\(window.period.description), \(window.opensOn.description)::date, \(window.closesOn.description)::date, \(official), \(time))
            ON CONFLICT (period) DO UPDATE SET opens_on = EXCLUDED.opens_on, closes_on = EXCLUDED.closes_on,
                set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
            """)
    }

    static func insertReopening(
        id: UUID, reportingEnterpriseID: UUID, period: FilingPeriod, until: CalendarDay, reason: String, by official: UUID, at time: Date,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO reopenings (id, reporting_enterprise_id, period, until_on, reason, by_official, at)
            VALUES (\(id), \(reportingEnterpriseID), \(period.description), \(until.description)::date, \(reason), \(official), \(time))
            """)
    }

    /// The last day a reopening of the enterprise's month still runs to, on or after `today`; nil when none does.
    static func reopenedUntil(_ reportingEnterpriseID: UUID, period: FilingPeriod, today: CalendarDay, on connection: PostgresConnection) async throws -> CalendarDay? {
        let rows = try await connection.query(
            """
            SELECT max(until_on)::text AS until FROM reopenings
            WHERE reporting_enterprise_id = \(reportingEnterpriseID) AND period = \(period.description) AND until_on >= \(today.description)::date
            """)
        return try rows.first?.decode("until", as: String?.self).flatMap(CalendarDay.init)
    }
}
