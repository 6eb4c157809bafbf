import Contracts
import Foundation
import Hummingbird
import Outbox
import Postgres
import ServiceKit

/// The liaison work read models (migration 0024): assignments (identity), contact gaps (identity),
/// officials' ratings (appeals) and briefings (policy), and operating-status records (identity,
/// migration 0030); the liaison reviews of appeals are the
/// per-case facts' (`stat_cases`, migration 0025, kept by `StatisticsStore`). Every handler is an upsert that sets only its
/// own event's columns and keeps the earlier or later time as the column says, so a redelivered,
/// late or out-of-order event leaves the same rows (the inbox already applies each event once).
enum LiaisonStatisticsStore {
    static func register(into handlers: inout EventHandlers) {
        handlers.on(LiaisonAssigned.self) { event, _, connection in
            try await connection.execute(
                """
                INSERT INTO stat_liaison_assignments AS s (enterprise_id, official_id, unit_id, assigned_at)
                VALUES (\(event.enterpriseID), \(event.officialID), \(event.unitID), \(event.assignedAt))
                ON CONFLICT (enterprise_id, official_id) DO UPDATE SET
                    unit_id = CASE WHEN s.assigned_at IS NULL OR excluded.assigned_at >= s.assigned_at THEN excluded.unit_id ELSE s.unit_id END,
                    assigned_at = GREATEST(s.assigned_at, excluded.assigned_at)
                """)
        }
        handlers.on(LiaisonUnassigned.self) { event, _, connection in
            try await connection.execute(
                """
                INSERT INTO stat_liaison_assignments AS s (enterprise_id, official_id, unassigned_at)
                VALUES (\(event.enterpriseID), \(event.officialID), \(event.unassignedAt))
                ON CONFLICT (enterprise_id, official_id) DO UPDATE SET unassigned_at = GREATEST(s.unassigned_at, excluded.unassigned_at)
                """)
        }
        // Names, so the figures read as people and units, not ids.
        handlers.on(OfficialCreated.self) { event, _, connection in
            try await officialName(event.official, at: event.createdAt, on: connection)
        }
        handlers.on(OfficialUpdated.self) { event, _, connection in
            try await officialName(event.official, at: event.updatedAt, on: connection)
        }
        handlers.on(UnitCreated.self) { event, _, connection in try await unitName(event.unit, on: connection) }
        handlers.on(UnitUpdated.self) { event, _, connection in try await unitName(event.unit, on: connection) }
        handlers.on(LiaisonContactGap.self) { event, _, connection in
            try await connection.execute(
                """
                INSERT INTO stat_liaison_contact_gaps (enterprise_id, official_id, month)
                VALUES (\(event.enterpriseID), \(event.officialID), \(event.month))
                ON CONFLICT DO NOTHING
                """)
        }
        // The latest record of the enterprise's month, with the official who made it.
        handlers.on(LiaisonOperatingStatusRecorded.self) { event, _, connection in
            try await connection.execute(
                """
                INSERT INTO stat_operating_statuses AS s (enterprise_id, month, status, recorded_by, recorded_at)
                VALUES (\(event.enterpriseID), \(event.month), \(event.status), \(event.recordedBy), \(event.recordedAt))
                ON CONFLICT (enterprise_id, month) DO UPDATE SET status = excluded.status, recorded_by = excluded.recorded_by,
                    recorded_at = excluded.recorded_at
                WHERE excluded.recorded_at > s.recorded_at
                """)
        }
        handlers.on(OfficialRated.self) { event, _, connection in
            let scores = event.scores
            try await connection.execute(
                """
                INSERT INTO stat_official_ratings (rating_id, official_id, enterprise_id, quarter, epidemic_guide, development_advisor,
                    appeal_mediator, policy_promoter, rated_at)
                VALUES (\(event.ratingID), \(event.officialID), \(event.enterpriseID), \(event.quarter), \(scores.epidemicGuide),
                    \(scores.developmentAdvisor), \(scores.appealMediator), \(scores.policyPromoter), \(event.ratedAt))
                ON CONFLICT (rating_id) DO NOTHING
                """)
        }
        handlers.on(BriefingSubmitted.self) { event, _, connection in
            try await briefing(event.briefing, submittedAt: event.submittedAt, on: connection)
        }
        handlers.on(BriefingPublished.self) { event, _, connection in
            try await briefing(event.briefing, publishedAt: event.publishedAt, on: connection)
        }
        handlers.on(BriefingReturned.self) { event, _, connection in
            try await briefing(event.briefing, returnedAt: event.returnedAt, on: connection)
        }
    }

    /// The official's name as of their latest profile event (an older one arriving late changes nothing).
    private static func officialName(_ official: OfficialProfile, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO stat_official_names AS s (official_id, name, changed_at) VALUES (\(official.officialID), \(official.name), \(time))
            ON CONFLICT (official_id) DO UPDATE SET name = excluded.name, changed_at = excluded.changed_at
            WHERE excluded.changed_at >= s.changed_at
            """)
    }

    /// A unit's name: its events carry no time, and a unit's events keep their order (one key, one partition).
    private static func unitName(_ unit: UnitProfile, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO stat_unit_names (unit_id, name) VALUES (\(unit.unitID), \(unit.name))
            ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name
            """)
    }

    /// The briefing's row, made by whichever of its events comes first; each time column keeps the
    /// earliest time given for it (with its month).
    private static func briefing(
        _ facts: BriefingFacts, submittedAt: Date? = nil, publishedAt: Date? = nil, returnedAt: Date? = nil,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO stat_briefings AS s (briefing_id, submitter_kind, submitted_by, unit_id, enterprise_id, submitted_at, submitted_month,
                published_at, published_month, returned_at, returned_month)
            VALUES (\(facts.id), \(facts.submitterKind.rawValue), \(facts.submittedBy), \(facts.unitID), \(facts.enterpriseID),
                \(submittedAt), \(submittedAt.map(BeijingMonth.of)), \(publishedAt), \(publishedAt.map(BeijingMonth.of)),
                \(returnedAt), \(returnedAt.map(BeijingMonth.of)))
            ON CONFLICT (briefing_id) DO UPDATE SET
                unit_id = coalesce(excluded.unit_id, s.unit_id), enterprise_id = coalesce(excluded.enterprise_id, s.enterprise_id),
                submitted_month = CASE WHEN s.submitted_at IS NULL OR excluded.submitted_at < s.submitted_at
                    THEN excluded.submitted_month ELSE s.submitted_month END,
                submitted_at = LEAST(s.submitted_at, excluded.submitted_at),
                published_month = CASE WHEN s.published_at IS NULL OR excluded.published_at < s.published_at
                    THEN excluded.published_month ELSE s.published_month END,
                published_at = LEAST(s.published_at, excluded.published_at),
                returned_month = CASE WHEN s.returned_at IS NULL OR excluded.returned_at < s.returned_at
                    THEN excluded.returned_month ELSE s.returned_month END,
                returned_at = LEAST(s.returned_at, excluded.returned_at)
            """)
    }

    /// One row per liaison official with something in the quarter or enterprises now: their unit (of
    /// their latest assignment, else of their latest briefing), enterprises assigned now, contact gaps
    /// in the quarter's months, operating statuses recorded and missing (`LiaisonOfficialFigures`), the
    /// quarter's ratings and the average of each role's scores, the briefings they submitted and had
    /// published in the quarter's months, and the appeals they reviewed in the quarter's months (the
    /// latest review of each) and of those on time. `unitID` limits the rows to that unit's officials.
    static func officials(_ quarter: StatisticsQuarter, unitID: UUID?, paging: Paging, on connection: PostgresConnection) async throws
        -> Page<LiaisonOfficialFigures>
    {
        let months = quarter.months
        // A month's status is missing only once the month is over (Beijing): it is recorded during or after it.
        let thisMonth = BeijingMonth.of(Date())
        let ended = months.filter { $0 < thisMonth }
        return try await connection.page(
            """
            WITH held AS (
                SELECT enterprise_id, official_id FROM stat_liaison_assignments
                WHERE assigned_at IS NOT NULL AND (unassigned_at IS NULL OR unassigned_at < assigned_at)
            ), assigned AS (
                SELECT official_id, count(*)::int AS enterprises FROM held GROUP BY official_id
            ), gaps AS (
                SELECT official_id, count(*)::int AS contact_gaps FROM stat_liaison_contact_gaps
                WHERE month = ANY(\(months)) GROUP BY official_id
            ), statuses AS (
                SELECT recorded_by AS official_id, count(*)::int AS recorded FROM stat_operating_statuses
                WHERE month = ANY(\(months)) GROUP BY recorded_by
            ), unrecorded AS (
                SELECT h.official_id, count(*)::int AS missing FROM held h CROSS JOIN unnest(\(ended)::text[]) AS m (month)
                WHERE NOT EXISTS (SELECT 1 FROM stat_operating_statuses o WHERE o.enterprise_id = h.enterprise_id AND o.month = m.month)
                GROUP BY h.official_id
            ), ratings AS (
                SELECT official_id, count(*)::int AS ratings, round(avg(epidemic_guide), 2)::text AS epidemic_guide,
                    round(avg(development_advisor), 2)::text AS development_advisor, round(avg(appeal_mediator), 2)::text AS appeal_mediator,
                    round(avg(policy_promoter), 2)::text AS policy_promoter
                FROM stat_official_ratings WHERE quarter = \(quarter.description) GROUP BY official_id
            ), briefings AS (
                SELECT submitted_by AS official_id, count(*) FILTER (WHERE submitted_month = ANY(\(months)))::int AS submitted,
                    count(*) FILTER (WHERE published_month = ANY(\(months)))::int AS published
                FROM stat_briefings WHERE submitter_kind = 'official' GROUP BY submitted_by
            ), reviews AS (
                SELECT liaison_official_id AS official_id, count(*)::int AS reviewed,
                    count(*) FILTER (WHERE NOT reviewed_late)::int AS reviewed_on_time
                FROM stat_cases WHERE reviewed_month = ANY(\(months)) AND kind = 'appeal' AND liaison_official_id IS NOT NULL
                GROUP BY liaison_official_id
            ), units AS (
                SELECT DISTINCT ON (official_id) official_id, unit_id FROM (
                    SELECT official_id, unit_id, assigned_at AS at FROM stat_liaison_assignments WHERE unit_id IS NOT NULL
                    UNION ALL
                    SELECT submitted_by, unit_id, coalesce(submitted_at, published_at, returned_at) FROM stat_briefings
                    WHERE submitter_kind = 'official' AND unit_id IS NOT NULL
                ) known
                ORDER BY official_id, at DESC NULLS LAST
            ), listed AS (
                SELECT official_id FROM assigned UNION SELECT official_id FROM gaps UNION SELECT official_id FROM statuses
                UNION SELECT official_id FROM ratings
                UNION SELECT official_id FROM briefings WHERE submitted > 0 OR published > 0 UNION SELECT official_id FROM reviews
            )
            SELECT l.official_id, u.unit_id, (SELECT name FROM stat_official_names WHERE official_id = l.official_id) AS official_name,
                (SELECT name FROM stat_unit_names WHERE unit_id = u.unit_id) AS unit_name, coalesce(a.enterprises, 0) AS enterprises, coalesce(g.contact_gaps, 0) AS contact_gaps,
                coalesce(os.recorded, 0) AS statuses_recorded, coalesce(om.missing, 0) AS statuses_missing,
                coalesce(r.ratings, 0) AS ratings, r.epidemic_guide, r.development_advisor, r.appeal_mediator, r.policy_promoter,
                coalesce(b.submitted, 0) AS briefings_submitted, coalesce(b.published, 0) AS briefings_published,
                coalesce(v.reviewed, 0) AS reviewed, coalesce(v.reviewed_on_time, 0) AS reviewed_on_time
            FROM listed l LEFT JOIN units u ON u.official_id = l.official_id LEFT JOIN assigned a ON a.official_id = l.official_id
                LEFT JOIN gaps g ON g.official_id = l.official_id LEFT JOIN statuses os ON os.official_id = l.official_id
                LEFT JOIN unrecorded om ON om.official_id = l.official_id LEFT JOIN ratings r ON r.official_id = l.official_id
                LEFT JOIN briefings b ON b.official_id = l.official_id LEFT JOIN reviews v ON v.official_id = l.official_id
            WHERE (\(unitID)::uuid IS NULL OR u.unit_id = \(unitID))
            """, orderBy: "unit_id, official_id", paging: paging
        ) { row in
            let ratings: Int = try row.decode("ratings")
            let reviewed: Int = try row.decode("reviewed"), reviewedOnTime: Int = try row.decode("reviewed_on_time")
            var averages: OfficialRoleAverages?
            if ratings > 0 {
                averages = OfficialRoleAverages(
                    epidemicGuide: try row.decode("epidemic_guide"), developmentAdvisor: try row.decode("development_advisor"),
                    appealMediator: try row.decode("appeal_mediator"), policyPromoter: try row.decode("policy_promoter"))
            }
            return LiaisonOfficialFigures(
                officialID: try row.decode("official_id"), officialName: try row.decode("official_name"), unitID: try row.decode("unit_id"),
                unitName: try row.decode("unit_name"), enterprises: try row.decode("enterprises"),
                contactGaps: try row.decode("contact_gaps"), operatingStatusesRecorded: try row.decode("statuses_recorded"),
                operatingStatusesMissing: try row.decode("statuses_missing"), ratings: ratings, averageScores: averages,
                briefingsSubmitted: try row.decode("briefings_submitted"), briefingsPublished: try row.decode("briefings_published"),
                reviewed: reviewed, reviewedOnTime: reviewedOnTime, reviewedOnTimeRate: Rate.percent(reviewedOnTime, of: reviewed))
        }
    }

    /// One row per unit whose officials' briefings were submitted, published or returned in the
    /// quarter's months (account guide item 5: the count goes to the official's unit's assessment);
    /// enterprises' briefings have no unit and are not counted.
    static func briefingUnits(_ quarter: StatisticsQuarter, unitID: UUID?, paging: Paging, on connection: PostgresConnection) async throws
        -> Page<BriefingUnitFigures>
    {
        let months = quarter.months
        return try await connection.page(
            """
            SELECT unit_id, (SELECT name FROM stat_unit_names n WHERE n.unit_id = b.unit_id) AS unit_name,
                count(*) FILTER (WHERE submitted_month = ANY(\(months)))::int AS submitted,
                count(*) FILTER (WHERE published_month = ANY(\(months)))::int AS published,
                count(*) FILTER (WHERE returned_month = ANY(\(months)))::int AS returned
            FROM stat_briefings b
            WHERE submitter_kind = 'official' AND unit_id IS NOT NULL AND (\(unitID)::uuid IS NULL OR unit_id = \(unitID))
                AND (submitted_month = ANY(\(months)) OR published_month = ANY(\(months)) OR returned_month = ANY(\(months)))
            GROUP BY unit_id
            """, orderBy: "unit_id", paging: paging
        ) { row in
            BriefingUnitFigures(
                unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"), submitted: try row.decode("submitted"),
                published: try row.decode("published"),
                returned: try row.decode("returned"))
        }
    }
}

/// A liaison official's work in a quarter (Shiyan's assessment). Averages are decimal strings with
/// two places (`"4.50"`), absent when the official was not rated in the quarter; the rate is a
/// percentage with one place (`"66.7"`), absent when the official reviewed nothing in the quarter.
struct LiaisonOfficialFigures: ResponseCodable, Equatable {
    var officialID: UUID
    /// From identity's official events; absent until one arrives.
    var officialName: String?
    /// The official's unit as the events last told it; absent when no event named it yet.
    var unitID: UUID?
    /// From identity's unit events; absent until one arrives.
    var unitName: String?
    /// Enterprises assigned to the official now (not as of the quarter).
    var enterprises: Int
    /// Months of the quarter without contact with one of their enterprises, one per enterprise and month.
    var contactGaps: Int
    /// Enterprise-months of the quarter whose latest operating-status record is theirs (whether or not
    /// they still hold the enterprise).
    var operatingStatusesRecorded: Int
    /// Of the enterprises assigned to them now, the enterprise-months of the quarter's ended Beijing
    /// months (all three of a past quarter, none of a future one; the current month not yet) without an
    /// operating-status record by anyone.
    var operatingStatusesMissing: Int
    var ratings: Int
    var averageScores: OfficialRoleAverages?
    var briefingsSubmitted: Int
    var briefingsPublished: Int
    /// Appeals of their enterprises they reviewed in the quarter's months (the latest review of each),
    /// and of those on time: by the review step's due time, the step never overdue.
    var reviewed: Int
    var reviewedOnTime: Int
    var reviewedOnTimeRate: String?
}

/// The average of each of Shiyan's four role scores (1–5) over a quarter's ratings.
struct OfficialRoleAverages: Codable, Sendable, Equatable {
    var epidemicGuide: String
    var developmentAdvisor: String
    var appealMediator: String
    var policyPromoter: String
}

/// A unit's officials' briefings in a quarter.
struct BriefingUnitFigures: ResponseCodable, Equatable {
    var unitID: UUID
    var unitName: String?
    var submitted: Int
    var published: Int
    var returned: Int
}
