import Foundation

/// A platform admin reset an official's password (never their own). The event says who did it and
/// when; it never carries the temporary password, which only the resetting admin sees, once.
public struct OfficialPasswordReset: DomainEvent {
    public static let eventType = "qinqing.identity.official.password-reset.v1"
    public static let topic = Topic.identity

    public var officialID: UUID
    /// The platform admin who reset it.
    public var resetBy: UUID
    public var resetAt: Date
    public var subject: String { officialID.uuidString.lowercased() }

    public init(officialID: UUID, resetBy: UUID, resetAt: Date) {
        self.officialID = officialID
        self.resetBy = resetBy
        self.resetAt = resetAt
    }
}
