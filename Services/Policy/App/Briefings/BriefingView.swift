import Contracts
import Foundation
import Hummingbird

/// A briefing as lists and the detail show it; who submitted it only to its submitter and the editors.
struct BriefingView: ResponseCodable {
    var id: UUID
    var title: String
    var body: String?
    var submitterKind: String
    var submittedBy: UUID?
    var unitID: UUID?
    var enterpriseID: UUID?
    var status: String
    var returnReason: String?
    var submittedAt: Date?
    var publishedAt: Date?
    var history: [ReviewHistoryStore.Entry]?
}
