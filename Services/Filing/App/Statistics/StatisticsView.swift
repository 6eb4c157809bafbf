import Foundation
import Hummingbird
import ServiceKit

/// One unit's appeals and complaints figures of a month. Counts are whole numbers; rates are
/// percentages as decimal strings with one place (`"66.7"`), absent when nothing was counted.
struct AppealUnitFigures: ResponseCodable, Equatable {
    var unitID: UUID
    var unitName: String?
    /// Submitted in the month (and led by the unit now).
    var received: Int
    /// Signed (签收) in the month, and of those on time.
    var signed: Int
    var signedOnTime: Int
    var signedOnTimeRate: String?
    /// Concluded (the last reply, 办结) in the month, and of those on time (按期办结率).
    var concluded: Int
    var concludedOnTime: Int
    var concludedOnTimeRate: String?
    /// Open items past the due time of a step that is the unit's, as of the request (not monthly).
    var overdueNow: Int
    /// First replies in the month, and calendar days from submission to them (median and 90th
    /// percentile, nearest rank).
    var replied: Int
    var medianDaysToReply: String?
    var p90DaysToReply: String?
    /// The same over working days (whole days, `"3"`; see `CaseStatistics`): of the month's first replies
    /// whose days the kept calendar covers; absent when none.
    var medianWorkingDaysToReply: String?
    var p90WorkingDaysToReply: String?
    /// Rated in the month (latest rating), and of those solved, satisfied, and ever reopened.
    var rated: Int
    var solved: Int
    var solvedRate: String?
    var satisfied: Int
    var satisfiedRate: String?
    var reopened: Int
    var reopenedRate: String?
    /// Escalations (督办) made in the month.
    var escalations: Int
    /// Withdrawn by the enterprise in the month, and marked major matters (重大事项) in the month.
    var withdrawn: Int
    var markedMajor: Int
    /// As first responder (首接): items first dispatched to the unit in the month, and of those now led by
    /// another unit (reassigned away). A unit with only these is listed too.
    var firstResponded: Int
    var reassignedAway: Int
}

/// One item behind a figure.
struct StatisticsCaseItem: ResponseCodable, Equatable {
    var id: UUID
    var kind: String
    var serialNumber: String
    var title: String
    var enterpriseName: String
    var region: String
    var category: String
    var status: String
    var unitID: UUID?
    var unitName: String?
    var submittedAt: Date
    var dueAt: Date?
    var signedAt: Date?
    var signedLate: Bool?
    var concludedAt: Date?
    var concludedLate: Bool?
    var daysToReply: String?
    /// Working days from submission to the first reply, whole (`"3"`); absent without a reply or a calendar for its days.
    var workingDaysToReply: String?
    var solved: Bool?
    var satisfied: Bool?
    var reopened: Bool
}

/// One issuing unit's policy publications of a month (art. 5: within 24 hours of issue).
struct PolicyUnitFigures: ResponseCodable, Equatable {
    var unitID: UUID
    var unitName: String?
    var published: Int
    var publishedWithin24Hours: Int
    var within24HoursRate: String?
}

/// What a rebuild did.
struct StatisticsRebuild: ResponseCodable, Equatable {
    var cases: Int
}
