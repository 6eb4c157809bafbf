import Foundation

/// 信息公示: an implementing unit published the approved applications of a redemption item as a
/// notice, open until `deadline` (a Beijing date, yyyy-MM-dd). Names no applicant: the notice's
/// public page lists enterprise names and amounts.
public struct RedemptionNoticePublished: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-notice.published.v1"
    public static let topic = Topic.policy

    public struct Notice: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var itemID: UUID
        public var itemTitle: String
        public var project: String
        public var unitID: UUID
        public var deadline: String
        public var approvedCount: Int
        /// Yuan, a decimal string: the sum of the amounts granted.
        public var totalAmount: String

        public init(
            id: UUID, title: String, itemID: UUID, itemTitle: String, project: String, unitID: UUID, deadline: String, approvedCount: Int,
            totalAmount: String
        ) {
            self.id = id
            self.title = title
            self.itemID = itemID
            self.itemTitle = itemTitle
            self.project = project
            self.unitID = unitID
            self.deadline = deadline
            self.approvedCount = approvedCount
            self.totalAmount = totalAmount
        }
    }

    public var notice: Notice
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { notice.id.uuidString.lowercased() }

    public init(notice: Notice, publishedBy: UUID, publishedAt: Date) {
        self.notice = notice
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
