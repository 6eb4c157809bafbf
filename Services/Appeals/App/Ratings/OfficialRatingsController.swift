import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// Enterprises rate their liaison officials once per quarter on the four roles Shiyan names
/// (疫情防控指导员, 高质量发展参谋员, 企业诉求调解员, 惠企政策宣讲员), 1–5 each.
struct OfficialRatingsController {
    let dependencies: ServiceDependencies

    struct RatingBody: Decodable {
        var officialID: UUID
        var scores: OfficialRated.Scores
        var comment: String?
    }

    struct Rating: ResponseCodable {
        var id: UUID
        var officialID: UUID
        var quarter: String
        var scores: OfficialRated.Scores
        var ratedAt: Date
    }

    struct Summary: Codable, Sendable {
        var officialID: UUID
        var officialName: String?
        var quarter: String
        var ratings: Int
        var epidemicGuide: Double
        var developmentAdvisor: Double
        var appealMediator: Double
        var policyPromoter: Double
    }

    func register(on router: Router<AppRequestContext>) {
        router.post("official-ratings", use: rate)
        router.get("official-ratings", use: summaries)
    }

    static func quarter(of date: Date) -> String {
        let day = CalendarDay(containing: date, in: WorkCalendar.chinaTimeZone)
        return "\(day.year)-Q\((day.month - 1) / 3 + 1)"
    }

    func rate(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Rating> {
        let principal = try context.requirePrincipal()
        guard let membership = principal.membership else { throw APIError.forbidden }
        let body = try await request.decodeBody(RatingBody.self, context: context)
        for (field, score) in [
            ("scores.epidemicGuide", body.scores.epidemicGuide), ("scores.developmentAdvisor", body.scores.developmentAdvisor),
            ("scores.appealMediator", body.scores.appealMediator), ("scores.policyPromoter", body.scores.policyPromoter),
        ] where !(1...5).contains(score) {
            throw APIError.invalid(field, "must be from 1 to 5")
        }
        let comment = try Validate.optionalText(body.comment, "comment", max: 1000)
        let now = Date()
        let quarter = Self.quarter(of: now)
        let id = UUID()
        do {
            try await dependencies.pool.withTransaction { connection in
                let assigned = try await connection.query(
                    "SELECT 1 FROM liaison_assignments WHERE enterprise_id = \(membership.enterpriseID) AND official_id = \(body.officialID)")
                guard !assigned.isEmpty else { throw APIError.invalid("officialID", "is not your enterprise's liaison official") }
                try await connection.execute(
                    """
                    INSERT INTO official_ratings (id, official_id, enterprise_id, quarter, epidemic_guide, development_advisor,
                        appeal_mediator, policy_promoter, comment, rated_by, rated_at)
                    VALUES (\(id), \(body.officialID), \(membership.enterpriseID), \(quarter), \(body.scores.epidemicGuide),
                        \(body.scores.developmentAdvisor), \(body.scores.appealMediator), \(body.scores.policyPromoter), \(comment),
                        \(principal.accountID), \(now))
                    """)
                try await dependencies.outbox.append(
                    OfficialRated(
                        ratingID: id, officialID: body.officialID, enterpriseID: membership.enterpriseID, quarter: quarter,
                        scores: body.scores, ratedAt: now),
                    on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError.conflict("cannot rate: this official was already rated for \(quarter)")
        }
        return EditedResponse(
            status: .created, response: Rating(id: id, officialID: body.officialID, quarter: quarter, scores: body.scores, ratedAt: now))
    }

    /// Averages per official and quarter, for inspectors and unit admins.
    func summaries(_ request: Request, context: AppRequestContext) async throws -> Page<Summary> {
        _ = try context.requireRole(OfficialRole.inspector.rawValue, OfficialRole.unitAdmin.rawValue, OfficialRole.platformAdmin.rawValue)
        let query = request.queryDictionary
        let paging = try Paging(query)
        let quarter = query["quarter"] ?? Self.quarter(of: Date())
        guard quarter.range(of: #"^[0-9]{4}-Q[1-4]$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("quarter", "must look like 2026-Q4")
        }
        return try await dependencies.pool.withConnection { connection in
            let total = try await connection.query(
                "SELECT count(DISTINCT official_id) AS n FROM official_ratings WHERE quarter = \(quarter)")[0].decode("n", as: Int.self)
            let items = try await connection.query(
                """
                SELECT r.official_id, o.name, count(*) AS ratings, avg(epidemic_guide)::float8 AS eg,
                    avg(development_advisor)::float8 AS da, avg(appeal_mediator)::float8 AS am, avg(policy_promoter)::float8 AS pp
                FROM official_ratings r LEFT JOIN officials o ON o.official_id = r.official_id
                WHERE r.quarter = \(quarter) GROUP BY r.official_id, o.name ORDER BY r.official_id
                LIMIT \(paging.size) OFFSET \(paging.offset)
                """
            ).map { row in
                Summary(
                    officialID: try row.decode("official_id"), officialName: try row.decode("name"), quarter: quarter,
                    ratings: try row.decode("ratings"), epidemicGuide: try row.decode("eg"), developmentAdvisor: try row.decode("da"),
                    appealMediator: try row.decode("am"), policyPromoter: try row.decode("pp"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
