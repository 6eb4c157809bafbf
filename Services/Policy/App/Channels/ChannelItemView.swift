import Foundation
import Hummingbird

/// A channel item as lists and the detail show it: publication time and source (来源).
struct ChannelItemView: ResponseCodable {
    var id: UUID
    var channel: String
    var section: String
    var sectionName: String
    var kind: String
    var kindName: String
    var title: String
    var body: String?
    var source: String
    var url: String?
    var unitID: UUID
    var status: String
    var returnReason: String?
    var draftedBy: UUID?
    var publishedAt: Date?
    var updatedAt: Date
    var history: [ReviewHistoryStore.Entry]?
}
