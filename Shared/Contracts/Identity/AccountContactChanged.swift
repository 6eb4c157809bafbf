import Foundation

/// RESTRICTED (`qinqing.identity.contacts.v1`): the phone an account receives SMS on. Only the
/// notifications service reads this topic; it is never mirrored to department systems, and the
/// record carries nothing beyond what an SMS needs.
public struct AccountContactChanged: DomainEvent {
    public static let eventType = "qinqing.identity.contacts.account-contact.changed.v1"
    public static let topic = Topic.identityContacts

    public var accountID: UUID
    /// The name an SMS greets; nil when unknown.
    public var displayName: String?
    /// Mainland mobile number, 11 digits; nil when the account removed its phone.
    public var phone: String?
    public var changedAt: Date
    public var subject: String { accountID.uuidString.lowercased() }

    public init(accountID: UUID, displayName: String?, phone: String?, changedAt: Date) {
        self.accountID = accountID
        self.displayName = displayName
        self.phone = phone
        self.changedAt = changedAt
    }
}
