import Foundation

/// A publication matched an enterprise's subscriptions (订阅中心): the enterprise got one
/// subscription message, and notifications sends it in-site (and by SMS when `sms`).
public struct SubscriptionMatched: DomainEvent {
    public static let eventType = "qinqing.policy.subscription.matched.v1"
    public static let topic = Topic.policy

    public var messageID: UUID
    public var enterpriseID: UUID
    /// What was published: `policy` or `interpretation` (redemption items later); `itemID` opens it.
    public var itemKind: String
    public var itemID: UUID
    public var title: String
    /// One of the matching subscriptions asked for SMS.
    public var sms: Bool
    public var matchedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(messageID: UUID, enterpriseID: UUID, itemKind: String, itemID: UUID, title: String, sms: Bool, matchedAt: Date) {
        self.messageID = messageID
        self.enterpriseID = enterpriseID
        self.itemKind = itemKind
        self.itemID = itemID
        self.title = title
        self.sms = sms
        self.matchedAt = matchedAt
    }
}
