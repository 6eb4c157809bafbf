import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 好差评 of concluded applications: the applicant rates (`ApplicationRatingWorkflow`), the implementing
/// unit answers the follow-up a dissatisfied rating opens, and the application's readers see both.
struct ApplicationRatingsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    var workflow: ApplicationRatingWorkflow { ApplicationRatingWorkflow(dependencies: runtime.dependencies) }

    /// `{level, comment?}`: one of the five levels, and at most 500 characters of comment.
    struct RatingInput: Decodable {
        var level: String?
        var comment: String?

        func validated() throws -> (level: ApplicationRating.Level, comment: String?) {
            let names = ApplicationRating.Level.allCases.map(\.rawValue).joined(separator: ", ")
            guard let level else { throw APIError.invalid("level", "is required (one of \(names))") }
            guard let value = ApplicationRating.Level(rawValue: level) else { throw APIError.invalid("level", "must be one of \(names)") }
            return (value, try Validate.optionalContentText(comment, "comment", max: 500))
        }
    }

    /// `{answer}`: what the unit did about the dissatisfaction (整改情况), at most 2000 characters.
    struct FollowUpInput: Decodable {
        var answer: String?

        func validated() throws -> String { try Validate.contentText(answer, "answer", max: 2000) }
    }

    /// A rating with its follow-up, present when the rating opened one.
    struct RatingView: ResponseCodable, Sendable {
        struct FollowUp: Codable, Sendable {
            /// Nil while the official calendar lacks a year the limit reaches.
            var dueAt: Date?
            var answer: String?
            var answeredBy: UUID?
            var answeredAt: Date?
            /// Answered: whether by the due time. Open: absent.
            var onTime: Bool?
            /// Open and past the due time.
            var overdue: Bool
        }

        var applicationID: UUID
        var level: ApplicationRating.Level
        var levelName: String
        var comment: String?
        var ratedBy: UUID
        var ratedAt: Date
        var followUp: FollowUp?

        init(_ rating: ApplicationRating, now: Date = Date()) {
            applicationID = rating.applicationID
            level = rating.level
            levelName = rating.level.name
            comment = rating.comment
            ratedBy = rating.ratedBy
            ratedAt = rating.ratedAt
            if rating.followUpOpened {
                followUp = FollowUp(
                    dueAt: rating.followUpDueAt, answer: rating.followUpAnswer, answeredBy: rating.followUpBy, answeredAt: rating.followUpAt,
                    onTime: rating.answeredOnTime, overdue: rating.awaitsAnswer && (rating.followUpDueAt.map { now > $0 } ?? false))
            }
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("redemption-applications/:id/rating", use: show)
        router.post("redemption-applications/:id/rating", use: rate)
        router.post("redemption-applications/:id/follow-up", use: answer)
    }

    /// To whoever sees the application; 404 when it is not rated (yet).
    func show(_ request: Request, context: AppRequestContext) async throws -> RatingView {
        let principal = try context.requirePrincipal()
        let id = try context.pathID()
        let rating = try await dependencies.pool.withConnection { connection -> ApplicationRating? in
            guard let record = try await ApplicationStore.find(id, forUpdate: false, on: connection), ApplicationAccess.sees(principal, record) else {
                throw APIError.notFound(ApplicationStore.noun)
            }
            return try await ApplicationRatingStore.find(id, on: connection)
        }
        guard let rating else { throw APIError.notFound(ApplicationRatingStore.noun) }
        return RatingView(rating)
    }

    /// The applicant (or a member of its enterprise) rates a concluded application once, inside the window.
    func rate(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RatingView> {
        let principal = try context.requirePrincipal()
        let id = try context.pathID()
        let input = try await request.decodeBody(RatingInput.self, context: context).validated()
        let rating = try await workflow.rate(id, level: input.level, comment: input.comment, by: principal)
        return EditedResponse(status: .created, response: RatingView(rating))
    }

    /// A policy editor or reviewer of the implementing unit answers the open follow-up; inspectors 403.
    func answer(_ request: Request, context: AppRequestContext) async throws -> RatingView {
        let official = try context.requireOfficial(.policyEditor, .policyReviewer, .inspector)
        let id = try context.pathID()
        let answer = try await request.decodeBody(FollowUpInput.self, context: context).validated()
        return RatingView(try await workflow.answer(id, answer, by: official))
    }
}
