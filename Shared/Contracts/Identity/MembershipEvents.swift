import Foundation

/// A person may act for an enterprise as `member` or `admin` until `expiresAt`.
public struct MembershipGranted: DomainEvent {
    public static let eventType = "qinqing.identity.membership.granted.v1"
    public static let topic = Topic.identity

    public var membershipID: UUID
    public var enterpriseID: UUID
    public var accountID: UUID
    public var role: AccessClaims.Membership.Role
    public var expiresAt: Date
    public var grantedBy: UUID
    public var grantedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(
        membershipID: UUID, enterpriseID: UUID, accountID: UUID, role: AccessClaims.Membership.Role,
        expiresAt: Date, grantedBy: UUID, grantedAt: Date
    ) {
        self.membershipID = membershipID
        self.enterpriseID = enterpriseID
        self.accountID = accountID
        self.role = role
        self.expiresAt = expiresAt
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}

public struct MembershipRevoked: DomainEvent {
    public static let eventType = "qinqing.identity.membership.revoked.v1"
    public static let topic = Topic.identity

    public var membershipID: UUID
    public var enterpriseID: UUID
    public var accountID: UUID
    public var reason: String
    public var revokedBy: UUID
    public var revokedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(membershipID: UUID, enterpriseID: UUID, accountID: UUID, reason: String, revokedBy: UUID, revokedAt: Date) {
        self.membershipID = membershipID
        self.enterpriseID = enterpriseID
        self.accountID = accountID
        self.reason = reason
        self.revokedBy = revokedBy
        self.revokedAt = revokedAt
    }
}

/// The authorization period ended; services that cache rights drop them.
public struct MembershipExpired: DomainEvent {
    public static let eventType = "qinqing.identity.membership.expired.v1"
    public static let topic = Topic.identity

    public var membershipID: UUID
    public var enterpriseID: UUID
    public var accountID: UUID
    public var expiredAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(membershipID: UUID, enterpriseID: UUID, accountID: UUID, expiredAt: Date) {
        self.membershipID = membershipID
        self.enterpriseID = enterpriseID
        self.accountID = accountID
        self.expiredAt = expiredAt
    }
}

/// The authorization period ends soon (notifications tell the member and the enterprise's admins).
public struct MembershipExpiring: DomainEvent {
    public static let eventType = "qinqing.identity.membership.expiring.v1"
    public static let topic = Topic.identity

    public var membershipID: UUID
    public var enterpriseID: UUID
    public var enterpriseName: String
    public var accountID: UUID
    public var expiresAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(membershipID: UUID, enterpriseID: UUID, enterpriseName: String, accountID: UUID, expiresAt: Date) {
        self.membershipID = membershipID
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.accountID = accountID
        self.expiresAt = expiresAt
    }
}
