import Foundation

/// A content channel item (企业便利化 manual 1.7, 营商资讯 1.8) was approved by a reviewer of its unit
/// and is now public.
public struct ContentItemPublished: DomainEvent {
    public static let eventType = "qinqing.policy.content-item.published.v1"
    public static let topic = Topic.policy

    public struct Item: Codable, Sendable, Equatable {
        public var id: UUID
        /// `facilitation` (企业便利化) or `business` (营商资讯).
        public var channel: String
        /// e.g. `enterpriseStartup` (企业开办), `talent` (人才服务).
        public var section: String
        /// e.g. `guide` (办事指南), `entry` (业务入口), `news` (政策资讯).
        public var kind: String
        public var title: String
        /// 来源.
        public var source: String
        /// The outbound link of an entry or link item.
        public var url: String?
        public var unitID: UUID

        public init(id: UUID, channel: String, section: String, kind: String, title: String, source: String, url: String?, unitID: UUID) {
            self.id = id
            self.channel = channel
            self.section = section
            self.kind = kind
            self.title = title
            self.source = source
            self.url = url
            self.unitID = unitID
        }
    }

    public var item: Item
    public var draftedBy: UUID
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: Item, draftedBy: UUID, publishedBy: UUID, publishedAt: Date) {
        self.item = item
        self.draftedBy = draftedBy
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
