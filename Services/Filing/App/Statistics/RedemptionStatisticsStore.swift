import Contracts
import Hummingbird
import Outbox
import Foundation
import Postgres
import ServiceKit

/// The redemption read model (`stat_redemption`): each policy event about an application sets its
/// own columns on the application's row (made by whichever event comes first), so the order of
/// arrival does not matter; the inbox makes each event count once (a return adds one to `returns`).
enum RedemptionStatisticsStore {
    /// The row of `application`, with `assignments` (trusted SQL with bound values) applied to it.
    private static func upsert(_ application: RedemptionApplicationFacts, set assignments: PostgresQuery, on connection: PostgresConnection) async throws {
        var query: PostgresQuery = """
            INSERT INTO stat_redemption AS s (application_id, item_id, item_title, project, unit_id, applicant_kind, submitted_at, submitted_month)
            VALUES (\(application.id), \(application.itemID), \(application.itemTitle), \(application.project), \(application.unitID),
                \(application.applicantKind), \(application.submittedAt), \(BeijingMonth.of(application.submittedAt)))
            ON CONFLICT (application_id) DO UPDATE SET\(unescaped: " ")
            """
        query.append(assignments)
        try await connection.execute(query)
    }

    static func register(into handlers: inout EventHandlers) {
        handlers.on(RedemptionApplicationSubmitted.self) { event, _, connection in
            try await upsert(event.application, set: "submitted_at = excluded.submitted_at", on: connection)
        }
        handlers.on(RedemptionApplicationReturned.self) { event, _, connection in
            try await upsert(event.application, set: "returns = s.returns + 1", on: connection)
        }
        handlers.on(RedemptionApplicationAccepted.self) { event, _, connection in
            let hours = String(format: "%.1f", event.transition.at.timeIntervalSince(event.application.submittedAt) / 3600)
            try await upsert(
                event.application,
                set: "accepted_at = \(event.transition.at), hours_to_accept = \(hours)::numeric, due_at = \(event.dueAt)", on: connection)
        }
        handlers.on(RedemptionApplicationOverdue.self) { event, _, connection in
            try await upsert(event.application, set: "overdue = true, due_at = \(event.dueAt)", on: connection)
        }
        handlers.on(RedemptionApplicationConcluded.self) { event, _, connection in
            let at = event.transition.at
            try await upsert(
                event.application,
                set: """
                    concluded_at = \(at), concluded_month = \(BeijingMonth.of(at)), decision = \(event.decision),
                    granted_amount = \(event.grantedAmount)::numeric, on_time = \(event.onTime)
                    """, on: connection)
        }
        handlers.on(RedemptionApplicationRated.self) { event, _, connection in
            try await upsert(event.application, set: "rated_at = \(event.ratedAt), level = \(event.level)", on: connection)
        }
        handlers.on(RedemptionFollowUpOpened.self) { event, _, connection in
            try await upsert(event.application, set: "follow_up_opened = true", on: connection)
        }
        handlers.on(RedemptionFollowUpAnswered.self) { event, _, connection in
            try await upsert(
                event.application, set: "follow_up_opened = true, follow_up_answered_at = \(event.answeredAt), follow_up_on_time = \(event.onTime)",
                on: connection)
        }
    }

    /// One row per implementing unit: applications received in the month, returned at least once,
    /// the median hours from submission to acceptance of those accepted; concluded in the month, on
    /// time, approved and the amount granted; of those concluded, rated (好差评 coverage) and the
    /// follow-ups opened and answered (rectification); and the unit's applications overdue now.
    static func figures(month: String, unitID: UUID?, paging: Paging, on connection: PostgresConnection) async throws -> Page<RedemptionUnitFigures> {
        try await connection.page(
            """
            SELECT unit_id,
                count(*) FILTER (WHERE submitted_month = \(month))::int AS received,
                count(*) FILTER (WHERE submitted_month = \(month) AND returns > 0)::int AS returned,
                (percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_accept) FILTER (WHERE submitted_month = \(month)))::numeric(10, 1)::text
                    AS median_hours_to_accept,
                count(*) FILTER (WHERE concluded_month = \(month))::int AS concluded,
                count(*) FILTER (WHERE concluded_month = \(month) AND on_time)::int AS concluded_on_time,
                count(*) FILTER (WHERE concluded_month = \(month) AND decision = 'approved')::int AS approved,
                coalesce(sum(granted_amount) FILTER (WHERE concluded_month = \(month)), 0)::numeric(15, 2)::text AS approved_amount,
                count(*) FILTER (WHERE concluded_month = \(month) AND rated_at IS NOT NULL)::int AS rated,
                count(*) FILTER (WHERE concluded_month = \(month) AND follow_up_opened)::int AS follow_ups,
                count(*) FILTER (WHERE concluded_month = \(month) AND follow_up_answered_at IS NOT NULL)::int AS follow_ups_answered,
                count(*) FILTER (WHERE overdue AND concluded_at IS NULL)::int AS overdue_now
            FROM stat_redemption
            WHERE (\(unitID)::uuid IS NULL OR unit_id = \(unitID))
            GROUP BY unit_id
            HAVING count(*) FILTER (WHERE submitted_month = \(month) OR concluded_month = \(month) OR (overdue AND concluded_at IS NULL)) > 0
            """, orderBy: "unit_id", paging: paging
        ) { row in
            let concluded: Int = try row.decode("concluded"), onTime: Int = try row.decode("concluded_on_time")
            let rated: Int = try row.decode("rated"), followUps: Int = try row.decode("follow_ups"), answered: Int = try row.decode("follow_ups_answered")
            return RedemptionUnitFigures(
                unitID: try row.decode("unit_id"), received: try row.decode("received"), returned: try row.decode("returned"),
                medianHoursToAccept: try row.decode("median_hours_to_accept"), concluded: concluded, concludedOnTime: onTime,
                concludedOnTimeRate: Rate.percent(onTime, of: concluded), approved: try row.decode("approved"),
                approvedAmount: try row.decode("approved_amount"), rated: rated, ratingCoverageRate: Rate.percent(rated, of: concluded),
                followUps: followUps, followUpsAnswered: answered, rectificationRate: Rate.percent(answered, of: followUps),
                overdueNow: try row.decode("overdue_now"))
        }
    }
}

/// A unit's redemption figures for a month (see `RedemptionStatisticsStore.figures`); rates are
/// percentages with one decimal, absent when nothing was counted.
struct RedemptionUnitFigures: ResponseCodable, Equatable {
    var unitID: UUID
    var received: Int
    var returned: Int
    var medianHoursToAccept: String?
    var concluded: Int
    var concludedOnTime: Int
    var concludedOnTimeRate: String?
    var approved: Int
    var approvedAmount: String
    var rated: Int
    var ratingCoverageRate: String?
    var followUps: Int
    var followUpsAnswered: Int
    var rectificationRate: String?
    var overdueNow: Int
}
