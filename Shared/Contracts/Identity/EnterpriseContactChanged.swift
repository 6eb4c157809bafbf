import Foundation

/// RESTRICTED (`qinqing.identity.contacts.v1`): the phone an enterprise receives the platform's SMS
/// on, its profile's contact phone (account guide item 3: 手机号码是企业接收平台提示短信的方式).
/// Published when a profile is registered, imported or edited with its contact phone set or
/// changed; only the notifications service reads this topic, and the record carries nothing beyond
/// what an SMS needs.
public struct EnterpriseContactChanged: DomainEvent {
    public static let eventType = "qinqing.identity.contacts.enterprise-contact.changed.v1"
    public static let topic = Topic.identityContacts

    public var enterpriseID: UUID
    /// Mainland mobile number, 11 digits; nil when the profile has no contact phone (any more).
    public var phone: String?
    public var changedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(enterpriseID: UUID, phone: String?, changedAt: Date) {
        self.enterpriseID = enterpriseID
        self.phone = phone
        self.changedAt = changedAt
    }
}
