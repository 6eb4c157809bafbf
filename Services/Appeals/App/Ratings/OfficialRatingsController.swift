import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// Enterprises rate their liaison officials once per quarter on the four roles Shiyan names
/// (疫情防控指导员, 高质量发展参谋员, 企业诉求调解员, 惠企政策宣讲员), 1–5 each.
struct OfficialRatingsController {
    let runtime: AppealsRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    typealias Summary = OfficialRatingStore.Summary

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

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("official-ratings", use: rate)
        router.get("official-ratings", use: summaries)
    }

    static func quarter(of date: Date) -> String {
        let day = CalendarDay(containing: date, in: WorkCalendar.chinaTimeZone)
        return "\(day.year)-Q\((day.month - 1) / 3 + 1)"
    }

    func rate(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Rating> {
        let (principal, membership) = try context.requireMember()
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
                guard try await OfficialRatingStore.isLiaison(body.officialID, of: membership.enterpriseID, on: connection) else {
                    throw APIError.unknown("officialID", "is not your enterprise's liaison official")
                }
                let rated = OfficialRated(
                    ratingID: id, officialID: body.officialID, enterpriseID: membership.enterpriseID, quarter: quarter,
                    scores: body.scores, ratedAt: now)
                try await OfficialRatingStore.insert(rated, comment: comment, by: principal.accountID, on: connection)
                try await dependencies.outbox.append(rated, on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError.conflict("cannot rate: this official was already rated for \(quarter)")
        }
        return EditedResponse(
            status: .created, response: Rating(id: id, officialID: body.officialID, quarter: quarter, scores: body.scores, ratedAt: now))
    }

    /// Averages per official and quarter: every official's for inspectors and platform admins, a unit
    /// admin's own unit's liaison officials' only (account guide item 11: 本单位包联干部的最新测评结果).
    func summaries(_ request: Request, context: AppRequestContext) async throws -> Page<Summary> {
        let official = try context.requireOfficial(.inspector, .unitAdmin, .platformAdmin)
        let seesAll = official.isOfficial(.inspector, .platformAdmin)
        let unitID = seesAll ? nil : (official.unitID ?? UUID())
        let paging = try Paging(request)
        let quarter = request.uri.queryParameters.get("quarter") ?? Self.quarter(of: Date())
        guard quarter.range(of: #"^[0-9]{4}-Q[1-4]$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("quarter", "must look like 2026-Q4")
        }
        return try await dependencies.pool.withConnection { connection in
            try await OfficialRatingStore.summaries(quarter: quarter, unitID: unitID, paging: paging, on: connection)
        }
    }
}
