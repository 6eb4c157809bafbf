import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The counts behind the performance indicators, per unit or region and month, from the statistics
/// read models (`stat_cases`, `stat_policies`).
enum PerformanceStore {
    enum Level: String, CaseIterable, Sendable {
        case unit, region
    }

    /// One unit's (or region's) counts of one month.
    struct MonthCounts: Sendable, Equatable {
        var key: String
        var name: String?
        var month: String
        var signed = 0, signedOnTime = 0
        var concluded = 0, concludedOnTime = 0
        var rated = 0, satisfied = 0
        var published = 0, publishedWithin24Hours = 0
        /// First replies in the month, and their working days from submission (median, nearest rank;
        /// of those the kept calendar covers): shown beside the indicators, not scored.
        var firstReplied = 0
        var medianWorkingDaysToReply: String?

        /// Something an indicator counts (a month with first replies alone gives no row).
        var countsAnIndicator: Bool { PerformanceIndicator.allCases.contains { tally($0).counted > 0 } }

        /// (met, counted) of an indicator.
        func tally(_ indicator: PerformanceIndicator) -> (met: Int, counted: Int) {
            switch indicator {
            case .concludedOnTime: (concludedOnTime, concluded)
            case .signedOnTime: (signedOnTime, signed)
            case .satisfied: (satisfied, rated)
            case .policyWithin24Hours: (publishedWithin24Hours, published)
            }
        }
    }

    /// Every unit's (or region's) counts for the months `from` through `to` (yyyy-MM, Beijing), only
    /// where something was counted. A unit's key is its id; a region's its code, named from `regions`.
    /// One pass: each fact a branch of the UNION ALL (its month column is indexed), summed per key and
    /// month; the first replies' branch is one row per key and month already, with its median (an
    /// ordered-set aggregate over all the branches' rows made the whole statement sort, 1.3–1.8 × slower).
    static func counts(_ level: Level, from: String, to: String, on connection: PostgresConnection) async throws -> [MonthCounts] {
        let key = level == .unit ? "unit_id::text" : "region"
        let name = level == .unit ? "unit_name" : "NULL::text"
        let policyKey = level == .unit ? "agency_id::text" : "region"
        let policyName = level == .unit ? "agency_name" : "NULL::text"
        let casesOnly = level == .unit ? "unit_id IS NOT NULL AND" : ""
        let rows = try await connection.query(
            """
            SELECT f.key, coalesce(r.name, (array_agg(f.name ORDER BY f.name) FILTER (WHERE f.name IS NOT NULL))[1]) AS name, f.month,
                sum(f.signed)::int AS signed, sum(f.signed_on_time)::int AS signed_on_time,
                sum(f.concluded)::int AS concluded, sum(f.concluded_on_time)::int AS concluded_on_time,
                sum(f.rated)::int AS rated, sum(f.satisfied)::int AS satisfied,
                sum(f.published)::int AS published, sum(f.within)::int AS within, sum(f.replied)::int AS replied,
                max(f.median_working_days) AS median_working_days
            FROM (
                SELECT \(unescaped: key) AS key, \(unescaped: name) AS name, signed_month AS month, 1 AS signed,
                    (NOT coalesce(signed_late, false))::int AS signed_on_time, 0 AS concluded, 0 AS concluded_on_time, 0 AS rated,
                    0 AS satisfied, 0 AS published, 0 AS within, 0 AS replied, NULL::text AS median_working_days
                FROM stat_cases WHERE \(unescaped: casesOnly) signed_month BETWEEN \(from) AND \(to)
                UNION ALL
                SELECT \(unescaped: key), \(unescaped: name), concluded_month, 0, 0, 1, (NOT coalesce(concluded_late, false))::int, 0, 0, 0, 0, 0, NULL
                FROM stat_cases WHERE \(unescaped: casesOnly) concluded_month BETWEEN \(from) AND \(to)
                UNION ALL
                SELECT \(unescaped: key), \(unescaped: name), rated_month, 0, 0, 0, 0, 1, coalesce(satisfied, false)::int, 0, 0, 0, NULL
                FROM stat_cases WHERE \(unescaped: casesOnly) rated_month BETWEEN \(from) AND \(to)
                UNION ALL
                SELECT \(unescaped: key), min(\(unescaped: name)), first_replied_month, 0, 0, 0, 0, 0, 0, 0, 0, count(*)::int,
                    (percentile_disc(0.5) WITHIN GROUP (ORDER BY working_days_to_reply))::text
                FROM stat_cases WHERE \(unescaped: casesOnly) first_replied_month BETWEEN \(from) AND \(to)
                GROUP BY 1, 3
                UNION ALL
                SELECT \(unescaped: policyKey), \(unescaped: policyName), published_month, 0, 0, 0, 0, 0, 0, 1, (NOT late)::int, 0, NULL
                FROM stat_policies WHERE published_month BETWEEN \(from) AND \(to)
            ) f
            LEFT JOIN regions r ON \(unescaped: level == .region ? "r.code = f.key" : "false")
            GROUP BY f.key, f.month, r.name
            ORDER BY f.month, f.key
            """)
        return try rows.map { row in
            MonthCounts(
                key: try row.decode("key"), name: try row.decode("name"), month: try row.decode("month"), signed: try row.decode("signed"),
                signedOnTime: try row.decode("signed_on_time"), concluded: try row.decode("concluded"),
                concludedOnTime: try row.decode("concluded_on_time"), rated: try row.decode("rated"), satisfied: try row.decode("satisfied"),
                published: try row.decode("published"), publishedWithin24Hours: try row.decode("within"),
                firstReplied: try row.decode("replied"), medianWorkingDaysToReply: try row.decode("median_working_days"))
        }
    }
}

/// A unit's public figures of one month (the city's scoreboard): counts and rates, no personal data.
struct PublicMonthFigures: ResponseCodable, Equatable {
    var month: String
    /// Submitted in the month.
    var received: Int
    /// Concluded (办结) in the month, and the share on time.
    var concluded: Int
    var concludedOnTimeRate: String?
    /// Calendar days from submission to the first reply, median, of first replies in the month.
    var medianDaysToReply: String?
    /// The same in working days on the official calendar (what the statutory limits count).
    var medianWorkingDaysToReply: String?
    /// Rated in the month, and the share satisfied.
    var rated: Int
    var satisfiedRate: String?
}

/// A unit's public performance over the months up to one.
struct PublicUnitPerformance: ResponseCodable, Equatable {
    var unitID: UUID
    var name: String?
    var months: [PublicMonthFigures]
}

extension PerformanceStore {
    /// The unit's public figures for each month `from` through `to`; nil when the statistics know no
    /// appeal or complaint led by it.
    static func publicFigures(unit: UUID, from: String, to: String, on connection: PostgresConnection) async throws -> PublicUnitPerformance? {
        let names = try await connection.query(
            "SELECT unit_name FROM stat_cases WHERE unit_id = \(unit) ORDER BY last_event_at DESC LIMIT 1")
        guard let first = names.first else { return nil }
        let rows = try await connection.query(
            """
            SELECT m.month,
                count(c.case_id) FILTER (WHERE c.received_month = m.month)::int AS received,
                count(c.case_id) FILTER (WHERE c.concluded_month = m.month)::int AS concluded,
                count(c.case_id) FILTER (WHERE c.concluded_month = m.month AND NOT coalesce(c.concluded_late, false))::int AS concluded_on_time,
                (percentile_disc(0.5) WITHIN GROUP (ORDER BY c.days_to_reply) FILTER (WHERE c.first_replied_month = m.month))::text AS median_days,
                (percentile_disc(0.5) WITHIN GROUP (ORDER BY c.working_days_to_reply)
                    FILTER (WHERE c.first_replied_month = m.month))::text AS median_working_days,
                count(c.case_id) FILTER (WHERE c.rated_month = m.month)::int AS rated,
                count(c.case_id) FILTER (WHERE c.rated_month = m.month AND c.satisfied)::int AS satisfied
            FROM (
                SELECT to_char(d, 'YYYY-MM') AS month
                FROM generate_series(to_date(\(from), 'YYYY-MM'), to_date(\(to), 'YYYY-MM'), interval '1 month') d
            ) m
            LEFT JOIN stat_cases c ON c.unit_id = \(unit)
                AND m.month IN (c.received_month, c.concluded_month, c.first_replied_month, c.rated_month)
            GROUP BY m.month
            ORDER BY m.month
            """)
        let months = try rows.map { row in
            let concluded: Int = try row.decode("concluded"), onTime: Int = try row.decode("concluded_on_time")
            let rated: Int = try row.decode("rated"), satisfied: Int = try row.decode("satisfied")
            return PublicMonthFigures(
                month: try row.decode("month"), received: try row.decode("received"), concluded: concluded,
                concludedOnTimeRate: Rate.percent(onTime, of: concluded), medianDaysToReply: try row.decode("median_days"),
                medianWorkingDaysToReply: try row.decode("median_working_days"), rated: rated,
                satisfiedRate: Rate.percent(satisfied, of: rated))
        }
        return PublicUnitPerformance(unitID: unit, name: try first.decode("unit_name"), months: months)
    }
}
