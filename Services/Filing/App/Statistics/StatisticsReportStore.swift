import Foundation
import Postgres
import ServiceKit

/// The statistics reads: a month's figures per unit and the items behind them, from the read models.
enum StatisticsReportStore {
    /// The most rows a CSV download reads in one go (`wholeTable`): every unit of a month, and the items
    /// behind a figure up to this many (oldest first; the rest are left out).
    static let csvRowCap = 50_000

    /// The first `csvRowCap` rows of a paged read: the downloads read the whole table through the same
    /// query as the JSON pages.
    static var wholeTable: Paging { Paging(page: 1, size: csvRowCap) }

    /// Appeals and complaints per lead unit for the month (units with anything to count).
    static func appealFigures(_ filter: StatisticsQuery, paging: Paging, on connection: PostgresConnection) async throws -> Page<AppealUnitFigures> {
        let month = filter.month
        // Only the cases the month touches (an index on each month column) and the open ones (overdue
        // now) are read, and the month's escalations are counted once from the escalations' index, so
        // the report does not grow with the months behind it (`./dev bench statistics`).
        return try await connection.page(
            """
            WITH escalated AS (
                SELECT e.case_id, count(*) AS n FROM stat_case_events e
                WHERE e.action = 'escalated'
                  AND e.occurred_at >= (\(month) || '-01')::timestamp AT TIME ZONE 'Asia/Shanghai'
                  AND e.occurred_at < ((\(month) || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Asia/Shanghai'
                GROUP BY e.case_id
            )
            , first_responder AS (
                SELECT c.first_unit_id AS unit_id, (array_agg(c.first_unit_name ORDER BY c.first_dispatched_at DESC))[1] AS unit_name,
                    count(*)::int AS first_responded, count(*) FILTER (WHERE c.unit_id IS DISTINCT FROM c.first_unit_id)::int AS reassigned_away
                FROM stat_cases c
                WHERE c.first_dispatched_month = \(month) AND \(filter.caseConditions(unitColumn: "c.first_unit_id"))
                GROUP BY c.first_unit_id
            ), figures AS (
                SELECT c.unit_id,
                    (array_agg(c.unit_name ORDER BY c.last_event_at DESC))[1] AS unit_name,
                    count(*) FILTER (WHERE c.received_month = \(month))::int AS received,
                    count(*) FILTER (WHERE c.signed_month = \(month))::int AS signed,
                    count(*) FILTER (WHERE c.signed_month = \(month) AND NOT c.signed_late)::int AS signed_on_time,
                    count(*) FILTER (WHERE c.concluded_month = \(month))::int AS concluded,
                    count(*) FILTER (WHERE c.concluded_month = \(month) AND NOT c.concluded_late)::int AS concluded_on_time,
                    count(*) FILTER (
                        WHERE c.status NOT IN ('closed', 'withdrawn') AND c.current_due_at < now()
                          AND coalesce(c.current_step, '') NOT IN ('', 'review', 'dispatch', 'rate'))::int AS overdue_now,
                    count(*) FILTER (WHERE c.first_replied_month = \(month))::int AS replied,
                    (percentile_disc(0.5) WITHIN GROUP (ORDER BY c.days_to_reply) FILTER (WHERE c.first_replied_month = \(month)))::text AS median_days,
                    (percentile_disc(0.9) WITHIN GROUP (ORDER BY c.days_to_reply) FILTER (WHERE c.first_replied_month = \(month)))::text AS p90_days,
                    (percentile_disc(0.5) WITHIN GROUP (ORDER BY c.working_days_to_reply)
                        FILTER (WHERE c.first_replied_month = \(month)))::text AS median_working_days,
                    (percentile_disc(0.9) WITHIN GROUP (ORDER BY c.working_days_to_reply)
                        FILTER (WHERE c.first_replied_month = \(month)))::text AS p90_working_days,
                    count(*) FILTER (WHERE c.rated_month = \(month))::int AS rated,
                    count(*) FILTER (WHERE c.rated_month = \(month) AND c.solved)::int AS solved,
                    count(*) FILTER (WHERE c.rated_month = \(month) AND c.satisfied)::int AS satisfied,
                    count(*) FILTER (WHERE c.rated_month = \(month) AND c.reopened)::int AS reopened,
                    coalesce(sum(escalated.n), 0)::int AS escalations,
                    count(*) FILTER (WHERE c.withdrawn_month = \(month))::int AS withdrawn,
                    count(*) FILTER (WHERE c.major_month = \(month))::int AS marked_major
                FROM stat_cases c
                LEFT JOIN escalated ON escalated.case_id = c.case_id
                WHERE \(filter.caseConditions())
                  AND (c.received_month = \(month) OR c.signed_month = \(month) OR c.concluded_month = \(month)
                       OR c.first_replied_month = \(month) OR c.rated_month = \(month) OR c.withdrawn_month = \(month)
                       OR c.major_month = \(month) OR c.status NOT IN ('closed', 'withdrawn') OR escalated.case_id IS NOT NULL)
                GROUP BY c.unit_id
            )
            SELECT coalesce(f.unit_id, r.unit_id) AS unit_id, coalesce(f.unit_name, r.unit_name) AS unit_name,
                coalesce(f.received, 0) AS received, coalesce(f.signed, 0) AS signed, coalesce(f.signed_on_time, 0) AS signed_on_time,
                coalesce(f.concluded, 0) AS concluded, coalesce(f.concluded_on_time, 0) AS concluded_on_time,
                coalesce(f.overdue_now, 0) AS overdue_now, coalesce(f.replied, 0) AS replied, f.median_days, f.p90_days,
                f.median_working_days, f.p90_working_days, coalesce(f.rated, 0) AS rated, coalesce(f.solved, 0) AS solved,
                coalesce(f.satisfied, 0) AS satisfied, coalesce(f.reopened, 0) AS reopened, coalesce(f.escalations, 0) AS escalations,
                coalesce(f.withdrawn, 0) AS withdrawn, coalesce(f.marked_major, 0) AS marked_major,
                coalesce(r.first_responded, 0) AS first_responded, coalesce(r.reassigned_away, 0) AS reassigned_away,
                count(*) OVER () AS page_total
            FROM figures f FULL JOIN first_responder r ON r.unit_id = f.unit_id
            WHERE coalesce(f.received + f.signed + f.concluded + f.overdue_now + f.replied + f.rated + f.escalations + f.withdrawn
                    + f.marked_major, 0)
                + coalesce(r.first_responded, 0) > 0
            """, orderBy: "unit_name, unit_id", paging: paging, totalInRows: true
        ) { row in
            let signed: Int = try row.decode("signed"), signedOnTime: Int = try row.decode("signed_on_time")
            let concluded: Int = try row.decode("concluded"), concludedOnTime: Int = try row.decode("concluded_on_time")
            let rated: Int = try row.decode("rated"), solved: Int = try row.decode("solved")
            let satisfied: Int = try row.decode("satisfied"), reopened: Int = try row.decode("reopened")
            return AppealUnitFigures(
                unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"), received: try row.decode("received"),
                signed: signed, signedOnTime: signedOnTime, signedOnTimeRate: Rate.percent(signedOnTime, of: signed),
                concluded: concluded, concludedOnTime: concludedOnTime, concludedOnTimeRate: Rate.percent(concludedOnTime, of: concluded),
                overdueNow: try row.decode("overdue_now"), replied: try row.decode("replied"),
                medianDaysToReply: try row.decode("median_days"), p90DaysToReply: try row.decode("p90_days"),
                medianWorkingDaysToReply: try row.decode("median_working_days"), p90WorkingDaysToReply: try row.decode("p90_working_days"),
                rated: rated, solved: solved, solvedRate: Rate.percent(solved, of: rated), satisfied: satisfied,
                satisfiedRate: Rate.percent(satisfied, of: rated), reopened: reopened, reopenedRate: Rate.percent(reopened, of: rated),
                escalations: try row.decode("escalations"), withdrawn: try row.decode("withdrawn"),
                markedMajor: try row.decode("marked_major"), firstResponded: try row.decode("first_responded"),
                reassignedAway: try row.decode("reassigned_away"))
        }
    }

    /// The items a figure of the month counts (say, the appeals concluded late), oldest first.
    static func items(
        _ measure: StatisticsQuery.Measure, _ filter: StatisticsQuery, paging: Paging, on connection: PostgresConnection
    ) async throws -> Page<StatisticsCaseItem> {
        let month = filter.month
        let condition: PostgresQuery =
            switch measure {
            case .received: "c.received_month = \(month)"
            case .signed: "c.signed_month = \(month)"
            case .signedLate: "c.signed_month = \(month) AND c.signed_late"
            case .concluded: "c.concluded_month = \(month)"
            case .concludedLate: "c.concluded_month = \(month) AND c.concluded_late"
            case .overdue:
                """
                c.status NOT IN ('closed', 'withdrawn') AND c.current_due_at < now()
                AND coalesce(c.current_step, '') NOT IN ('', 'review', 'dispatch', 'rate')
                """
            case .replied: "c.first_replied_month = \(month)"
            case .rated: "c.rated_month = \(month)"
            case .unsolved: "c.rated_month = \(month) AND NOT c.solved"
            case .unsatisfied: "c.rated_month = \(month) AND NOT c.satisfied"
            case .reopened: "c.rated_month = \(month) AND c.reopened"
            case .withdrawn: "c.withdrawn_month = \(month)"
            case .markedMajor: "c.major_month = \(month)"
            case .firstResponded: "c.first_dispatched_month = \(month)"
            case .reassignedAway: "c.first_dispatched_month = \(month) AND c.unit_id IS DISTINCT FROM c.first_unit_id"
            }
        let conditions = filter.caseConditions(unitColumn: measure.byFirstResponder ? "c.first_unit_id" : "c.unit_id")
        let query: PostgresQuery = """
            SELECT c.case_id, c.kind, c.serial_number, c.title, c.enterprise_name, c.region, c.category, c.status, c.unit_id,
                c.unit_name, c.submitted_at, c.current_due_at, c.signed_at, c.signed_late, c.concluded_at, c.concluded_late,
                c.days_to_reply::text AS days_to_reply, c.working_days_to_reply::text AS working_days_to_reply, c.solved, c.satisfied, c.reopened
            FROM stat_cases c
            WHERE \(conditions) AND \(condition)
            """
        return try await connection.page(query, orderBy: "c.submitted_at, c.case_id", paging: paging) { row in
            StatisticsCaseItem(
                id: try row.decode("case_id"), kind: try row.decode("kind"), serialNumber: try row.decode("serial_number"),
                title: try row.decode("title"), enterpriseName: try row.decode("enterprise_name"), region: try row.decode("region"),
                category: try row.decode("category"), status: try row.decode("status"), unitID: try row.decode("unit_id"),
                unitName: try row.decode("unit_name"), submittedAt: try row.decode("submitted_at"), dueAt: try row.decode("current_due_at"),
                signedAt: try row.decode("signed_at"), signedLate: try row.decode("signed_late"), concludedAt: try row.decode("concluded_at"),
                concludedLate: try row.decode("concluded_late"), daysToReply: try row.decode("days_to_reply"),
                workingDaysToReply: try row.decode("working_days_to_reply"), solved: try row.decode("solved"),
                satisfied: try row.decode("satisfied"), reopened: try row.decode("reopened"))
        }
    }

    /// Policy publications per issuing unit for the month, and how many within 24 hours of issue.
    static func policyFigures(month: String, unitID: UUID?, paging: Paging, on connection: PostgresConnection) async throws -> Page<PolicyUnitFigures> {
        try await connection.page(
            """
            SELECT agency_id, (array_agg(agency_name ORDER BY agency_name NULLS LAST))[1] AS agency_name,
                count(*)::int AS published, count(*) FILTER (WHERE NOT late)::int AS within
            FROM stat_policies
            WHERE published_month = \(month) AND (\(unitID)::uuid IS NULL OR agency_id = \(unitID))
            GROUP BY agency_id
            """, orderBy: "agency_name, agency_id", paging: paging
        ) { row in
            let published: Int = try row.decode("published"), within: Int = try row.decode("within")
            return PolicyUnitFigures(
                unitID: try row.decode("agency_id"), unitName: try row.decode("agency_name"), published: published,
                publishedWithin24Hours: within, within24HoursRate: Rate.percent(within, of: published))
        }
    }
}

/// Percentages as decimal strings, one place, rounded half up; nil when nothing was counted.
enum Rate {
    static func percent(_ part: Int, of whole: Int) -> String? {
        guard whole > 0 else { return nil }
        var value = Decimal(part) * 100 / Decimal(whole)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return Self.oneDecimal(rounded)
    }

    /// `66.7`, `100.0`, `0.0`.
    static func oneDecimal(_ value: Decimal) -> String {
        let text = "\(value)"
        return text.contains(".") ? text : text + ".0"
    }
}
