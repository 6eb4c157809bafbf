import Contracts
import Foundation
import Postgres
import ServiceKit

/// Enterprises' quarterly ratings of their liaison officials (`official_ratings`).
enum OfficialRatingStore {
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

    static func isLiaison(_ officialID: UUID, of enterpriseID: UUID, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query(
            "SELECT 1 FROM liaison_assignments WHERE enterprise_id = \(enterpriseID) AND official_id = \(officialID)")).isEmpty
    }

    /// One rating per official, enterprise and quarter (a second is a unique violation).
    static func insert(_ rating: OfficialRated, comment: String?, by accountID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO official_ratings (id, official_id, enterprise_id, quarter, epidemic_guide, development_advisor,
                appeal_mediator, policy_promoter, comment, rated_by, rated_at)
            VALUES (\(rating.ratingID), \(rating.officialID), \(rating.enterpriseID), \(rating.quarter), \(rating.scores.epidemicGuide),
                \(rating.scores.developmentAdvisor), \(rating.scores.appealMediator), \(rating.scores.policyPromoter), \(comment),
                \(accountID), \(rating.ratedAt))
            """)
    }

    /// Averages per official in `quarter`; with `unitID`, only the officials of that unit.
    static func summaries(
        quarter: String, unitID: UUID?, paging: Paging, on connection: PostgresConnection
    ) async throws -> Page<Summary> {
        try await connection.page(
            """
            SELECT r.official_id, o.name, count(*)::bigint AS ratings, avg(epidemic_guide)::float8 AS eg,
                avg(development_advisor)::float8 AS da, avg(appeal_mediator)::float8 AS am, avg(policy_promoter)::float8 AS pp
            FROM official_ratings r LEFT JOIN officials o ON o.official_id = r.official_id
            WHERE r.quarter = \(quarter) AND (\(unitID)::uuid IS NULL OR o.unit_id = \(unitID))
            GROUP BY r.official_id, o.name
            """,
            orderBy: "official_id", paging: paging
        ) { row in
            Summary(
                officialID: try row.decode("official_id"), officialName: try row.decode("name"), quarter: quarter,
                ratings: Int(try row.decode("ratings", as: Int64.self)), epidemicGuide: try row.decode("eg"),
                developmentAdvisor: try row.decode("da"), appealMediator: try row.decode("am"), policyPromoter: try row.decode("pp"))
        }
    }
}
