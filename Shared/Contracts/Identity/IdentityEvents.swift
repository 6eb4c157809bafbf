import Foundation

/// The identity service's events on `qinqing.identity.v1` (and, for phones, the restricted
/// `qinqing.identity.contacts.v1`).
public enum IdentityEvents {
    public static let all: [any DomainEvent.Type] = [
        EnterpriseRegistered.self, EnterpriseApproved.self, EnterpriseRejected.self, EnterpriseUpdated.self,
        MembershipGranted.self, MembershipRevoked.self, MembershipExpired.self, MembershipExpiring.self,
        LiaisonAssigned.self, LiaisonUnassigned.self, LiaisonContactGap.self, LiaisonOperatingStatusRecorded.self,
        OfficialCreated.self, OfficialUpdated.self, UnitCreated.self, UnitUpdated.self,
        HelpRequestAssigned.self, AccountContactChanged.self, OfficialPasswordReset.self,
        EnterpriseContactChanged.self,
    ]
}

/// The public facts about an enterprise that other services project (never contacts or phones).
public struct EnterpriseProfile: Codable, Sendable, Equatable {
    public var enterpriseID: UUID
    public var uscc: String
    public var name: String
    /// GB/T 2260 code (or a local zone code).
    public var region: String
    /// GB/T 4754 section letter, A…T.
    public var industry: String
    public var tags: [String]

    public init(enterpriseID: UUID, uscc: String, name: String, region: String, industry: String, tags: [String]) {
        self.enterpriseID = enterpriseID
        self.uscc = uscc
        self.name = name
        self.region = region
        self.industry = industry
        self.tags = tags
    }
}

/// An enterprise exists: imported by an admin (already approved) or registered online (pending).
public struct EnterpriseRegistered: DomainEvent {
    public static let eventType = "qinqing.identity.enterprise.registered.v1"
    public static let topic = Topic.identity
    public enum Origin: String, Codable, Sendable { case imported, online }

    public var enterprise: EnterpriseProfile
    public var origin: Origin
    public var approved: Bool
    public var registeredAt: Date
    public var subject: String { enterprise.enterpriseID.uuidString.lowercased() }

    public init(enterprise: EnterpriseProfile, origin: Origin, approved: Bool, registeredAt: Date) {
        self.enterprise = enterprise
        self.origin = origin
        self.approved = approved
        self.registeredAt = registeredAt
    }
}

public struct EnterpriseApproved: DomainEvent {
    public static let eventType = "qinqing.identity.enterprise.approved.v1"
    public static let topic = Topic.identity

    public var enterprise: EnterpriseProfile
    public var approvedBy: UUID
    public var approvedAt: Date
    public var subject: String { enterprise.enterpriseID.uuidString.lowercased() }

    public init(enterprise: EnterpriseProfile, approvedBy: UUID, approvedAt: Date) {
        self.enterprise = enterprise
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }
}

public struct EnterpriseRejected: DomainEvent {
    public static let eventType = "qinqing.identity.enterprise.rejected.v1"
    public static let topic = Topic.identity

    public var enterpriseID: UUID
    public var uscc: String
    public var reason: String
    public var rejectedBy: UUID
    public var rejectedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(enterpriseID: UUID, uscc: String, reason: String, rejectedBy: UUID, rejectedAt: Date) {
        self.enterpriseID = enterpriseID
        self.uscc = uscc
        self.reason = reason
        self.rejectedBy = rejectedBy
        self.rejectedAt = rejectedAt
    }
}

public struct EnterpriseUpdated: DomainEvent {
    public static let eventType = "qinqing.identity.enterprise.updated.v1"
    public static let topic = Topic.identity

    public var enterprise: EnterpriseProfile
    /// Names of the profile fields that changed.
    public var changedFields: [String]
    public var updatedBy: UUID
    public var updatedAt: Date
    public var subject: String { enterprise.enterpriseID.uuidString.lowercased() }

    public init(enterprise: EnterpriseProfile, changedFields: [String], updatedBy: UUID, updatedAt: Date) {
        self.enterprise = enterprise
        self.changedFields = changedFields
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}
