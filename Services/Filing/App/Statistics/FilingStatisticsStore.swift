import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The month's filings per county and industry section (GB/T 4754 门类, the first letter of the
/// class): how many enterprises the reporting list holds, how many filed, late (first submitted
/// after the window closed, Beijing dates) and missing (recorded when the window closed); the sums of
/// the current versions' output, revenue, profit and tax (万元) beside the same month a year earlier,
/// with year-on-year percentages; and the filings whose current version raised warnings.
enum FilingStatisticsStore {
    static let measures = ["output.month", "revenue.month", "profit.month", "tax.month"]

    static func figures(period: String, county: String?, paging: Paging, on connection: PostgresConnection) async throws -> Page<FilingGroupFigures> {
        let lastYear = String(Int(period.prefix(4))! - 1) + period.dropFirst(4)
        return try await connection.page(
            """
            WITH listed AS (
                SELECT r.id, r.region, left(r.industry_code, 1) AS section
                FROM reporting_enterprises r
                WHERE (r.active OR to_char(r.removed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') > \(period))
                  AND (\(county)::text IS NULL OR r.region = \(county))
            ),
            current AS (
                SELECT f.reporting_enterprise_id AS id, f.period, f.first_submitted_at, f.id AS filing_id, f.current_version,
                       jsonb_array_length(v.flags) > 0 AS warned
                FROM filings f JOIN filing_versions v ON v.filing_id = f.id AND v.version = f.current_version
                WHERE f.period IN (\(period), \(lastYear))
            ),
            sums AS (
                SELECT c.id, c.period, val.measure, val.value
                FROM current c JOIN filing_values val ON val.filing_id = c.filing_id AND val.version = c.current_version
                WHERE val.section = 'enterprise' AND val.measure = ANY(\(measures))
            )
            SELECT l.region, l.section, count(*)::int AS listed,
                count(c.id)::int AS filed,
                count(c.id) FILTER (WHERE (c.first_submitted_at AT TIME ZONE 'Asia/Shanghai')::date > w.closes_on)::int AS late,
                count(m.reporting_enterprise_id)::int AS missing,
                count(c.id) FILTER (WHERE c.warned)::int AS warned,
                (SELECT jsonb_object_agg(x.measure, x.total) FROM (
                    SELECT s.measure, sum(s.value)::numeric(20, 4)::text AS total FROM sums s JOIN listed l2 ON l2.id = s.id
                    WHERE s.period = \(period) AND l2.region = l.region AND l2.section = l.section GROUP BY s.measure) x) AS totals,
                (SELECT jsonb_object_agg(x.measure, x.total) FROM (
                    SELECT s.measure, sum(s.value)::numeric(20, 4)::text AS total FROM sums s JOIN listed l2 ON l2.id = s.id
                    WHERE s.period = \(lastYear) AND l2.region = l.region AND l2.section = l.section GROUP BY s.measure) x) AS last_year
            FROM listed l
            LEFT JOIN current c ON c.id = l.id AND c.period = \(period)
            LEFT JOIN missing_filings m ON m.reporting_enterprise_id = l.id AND m.period = \(period)
            LEFT JOIN filing_windows w ON w.period = \(period)
            GROUP BY l.region, l.section
            """, orderBy: "region, section", paging: paging
        ) { row in
            let listed: Int = try row.decode("listed"), filed: Int = try row.decode("filed")
            let totals = try row.decode("totals", as: PostgresJSON?.self)?.decode([String: String].self) ?? [:]
            let lastYear = try row.decode("last_year", as: PostgresJSON?.self)?.decode([String: String].self) ?? [:]
            let sums = measures.map { measure in
                FilingGroupFigures.Sum(
                    measure: measure, total: totals[measure] ?? "0.0000", lastYear: lastYear[measure],
                    yoy: Self.change(from: lastYear[measure], to: totals[measure]))
            }
            return FilingGroupFigures(
                region: try row.decode("region"), section: try row.decode("section"), listed: listed, filed: filed,
                completionRate: Rate.percent(filed, of: listed), late: try row.decode("late"), missing: try row.decode("missing"),
                warned: try row.decode("warned"), sums: sums)
        }
    }

    /// The year-on-year change in percent with one decimal; nil without a nonzero figure a year earlier.
    static func change(from before: String?, to now: String?) -> String? {
        guard let before = before.flatMap({ Decimal(string: $0) }), before != 0, let now = now.flatMap({ Decimal(string: $0) }) else { return nil }
        var value = (now - before) * 100 / abs(before)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return Rate.oneDecimal(rounded)
    }
}

/// One county and industry section's filings of a month (see `FilingStatisticsStore`).
struct FilingGroupFigures: ResponseCodable, Equatable {
    struct Sum: Codable, Equatable, Sendable {
        /// `output.month`, `revenue.month`, `profit.month` or `tax.month`.
        var measure: String
        /// 万元, four decimals.
        var total: String
        var lastYear: String?
        var yoy: String?
    }

    var region: String
    var section: String
    var listed: Int
    var filed: Int
    var completionRate: String?
    var late: Int
    var missing: Int
    var warned: Int
    var sums: [Sum]
}
