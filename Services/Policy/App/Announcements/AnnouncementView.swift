import Contracts
import Foundation
import Hummingbird

struct AnnouncementView: ResponseCodable {
    var id: UUID
    var title: String
    var body: String?
    var audience: AnnouncementPublished.Audience
    var unitID: UUID
    var status: String
    var returnReason: String?
    var draftedBy: UUID?
    var publishedAt: Date?
    var updatedAt: Date
    var history: [ReviewHistoryStore.Entry]?
}
