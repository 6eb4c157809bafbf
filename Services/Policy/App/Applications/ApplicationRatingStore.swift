import Foundation
import Postgres
import ServiceKit

/// 好差评 of one concluded application, with the follow-up (回访整改) a dissatisfied rating opens.
struct ApplicationRating: Codable, Sendable, Equatable {
    /// The national five levels (国办发〔2019〕51号).
    enum Level: String, Codable, Sendable, CaseIterable {
        case verySatisfied, satisfied, basicallySatisfied, dissatisfied, veryDissatisfied

        /// 不满意 and 非常不满意 open a follow-up the unit must answer.
        var opensFollowUp: Bool { self == .dissatisfied || self == .veryDissatisfied }

        var name: String {
            switch self {
            case .verySatisfied: "非常满意"
            case .satisfied: "满意"
            case .basicallySatisfied: "基本满意"
            case .dissatisfied: "不满意"
            case .veryDissatisfied: "非常不满意"
            }
        }
    }

    var applicationID: UUID
    var level: Level
    var comment: String?
    var ratedBy: UUID
    var ratedAt: Date
    var followUpOpened: Bool
    /// Nil while the official calendar lacks a year the limit reaches.
    var followUpDueAt: Date?
    var followUpAnswer: String?
    var followUpBy: UUID?
    var followUpAt: Date?

    init(applicationID: UUID, level: Level, comment: String?, ratedBy: UUID, ratedAt: Date, followUpDueAt: Date?) {
        self.applicationID = applicationID
        self.level = level
        self.comment = comment
        self.ratedBy = ratedBy
        self.ratedAt = ratedAt
        followUpOpened = level.opensFollowUp
        self.followUpDueAt = level.opensFollowUp ? followUpDueAt : nil
    }

    init(row: PostgresRow) throws {
        applicationID = try row.decode("application_id")
        level = Level(rawValue: try row.decode("level")) ?? .satisfied
        comment = try row.decode("comment")
        ratedBy = try row.decode("rated_by")
        ratedAt = try row.decode("rated_at")
        followUpOpened = try row.decode("follow_up_opened")
        followUpDueAt = try row.decode("follow_up_due_at")
        followUpAnswer = try row.decode("follow_up_answer")
        followUpBy = try row.decode("follow_up_by")
        followUpAt = try row.decode("follow_up_at")
    }

    /// Open and not yet answered.
    var awaitsAnswer: Bool { followUpOpened && followUpAnswer == nil }

    /// Whether the answer came by the due time (true when no due time could be set); nil unanswered.
    var answeredOnTime: Bool? {
        guard let answeredAt = followUpAt else { return nil }
        return followUpDueAt.map { answeredAt <= $0 } ?? true
    }
}

/// Every statement on ratings (`application_ratings`).
enum ApplicationRatingStore {
    static let noun = "rating"

    static let columns = """
        application_id, level, comment, rated_by, rated_at, follow_up_opened, follow_up_due_at, follow_up_answer, follow_up_by, follow_up_at
        """

    /// Stores a new rating; a second one for the application is a 409.
    static func insert(_ rating: ApplicationRating, on connection: PostgresConnection) async throws {
        do {
            try await connection.execute(
                """
                INSERT INTO application_ratings (application_id, level, comment, rated_by, rated_at, follow_up_opened, follow_up_due_at)
                VALUES (\(rating.applicationID), \(rating.level.rawValue), \(rating.comment), \(rating.ratedBy), \(rating.ratedAt),
                    \(rating.followUpOpened), \(rating.followUpDueAt))
                """)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw alreadyRated
        }
    }

    static func find(_ applicationID: UUID, on connection: PostgresConnection) async throws -> ApplicationRating? {
        try await connection.query("SELECT \(unescaped: columns) FROM application_ratings WHERE application_id = \(applicationID)")
            .first.map(ApplicationRating.init(row:))
    }

    /// Writes the follow-up's due time and answer back.
    static func saveFollowUp(_ rating: ApplicationRating, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE application_ratings SET follow_up_due_at = \(rating.followUpDueAt), follow_up_answer = \(rating.followUpAnswer),
                follow_up_by = \(rating.followUpBy), follow_up_at = \(rating.followUpAt)
            WHERE application_id = \(rating.applicationID)
            """)
    }

    static let alreadyRated = APIError.conflict("this application has been rated already; it is rated once")
}
