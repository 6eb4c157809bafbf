import Contracts
import Foundation
import Postgres
import WorkCalendar

/// Statements of the window job: which notices went out, who has not filed, who is missing.
enum WindowNoticeStore {
    /// Records a notice; false when it was already recorded (another pass or instance sent it).
    static func claim(_ period: FilingPeriod, kind: String, at time: Date, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query(
            """
            INSERT INTO window_notices (period, kind, at) VALUES (\(period.description), \(kind), \(time))
            ON CONFLICT DO NOTHING RETURNING 1 AS claimed
            """)).isEmpty
    }

    /// The periods the job looks at: the months whose window may open, close soon or have closed lately.
    static func candidatePeriods(today: CalendarDay, on connection: PostgresConnection) async throws -> [FilingPeriod] {
        let set = try await connection.query(
            "SELECT period FROM filing_windows WHERE closes_on >= \(today.adding(days: -7).description)::date AND opens_on <= \(today.adding(days: 1).description)::date"
        ).compactMap { FilingPeriod(try $0.decode("period", as: String.self)) }
        var periods = Set(set)
        if let current = FilingPeriod(year: today.year, month: today.month) {
            if let previous = current.previous { periods.insert(previous) }
            if let before = current.previous?.previous { periods.insert(before) }
        }
        return periods.sorted()
    }

    /// The active reporting enterprises without a filing of `period`, with the identity enterprise each files as.
    static func unfiled(_ period: FilingPeriod, on connection: PostgresConnection) async throws -> [UnfiledEnterprise] {
        try await connection.query(
            """
            SELECT r.id, r.name, r.region, e.enterprise_id FROM reporting_enterprises r
            LEFT JOIN LATERAL (
                SELECT enterprise_id FROM enterprises e WHERE e.uscc = r.uscc OR (r.uscc IS NULL AND e.name = r.name)
                ORDER BY (e.uscc = r.uscc) DESC LIMIT 1
            ) e ON true
            WHERE r.active AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.reporting_enterprise_id = r.id AND f.period = \(period.description))
            ORDER BY r.serial_no
            """
        ).map { row in
            UnfiledEnterprise(
                reportingEnterpriseID: try row.decode("id"), enterpriseID: try row.decode("enterprise_id"), name: try row.decode("name"),
                region: try row.decode("region"))
        }
    }

    static func filedCount(_ period: FilingPeriod, on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int AS n FROM filings WHERE period = \(period.description)").first?.decode("n", as: Int.self) ?? 0
    }

    static func recordMissing(_ reportingEnterpriseID: UUID, period: FilingPeriod, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO missing_filings (reporting_enterprise_id, period, recorded_at)
            VALUES (\(reportingEnterpriseID), \(period.description), \(time)) ON CONFLICT DO NOTHING
            """)
    }
}

