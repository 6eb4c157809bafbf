import Foundation

/// An official is assigned to look after an enterprise (包联).
public struct LiaisonAssigned: DomainEvent {
    public static let eventType = "qinqing.identity.liaison.assigned.v1"
    public static let topic = Topic.identity

    public var enterpriseID: UUID
    public var officialID: UUID
    public var unitID: UUID
    public var assignedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(enterpriseID: UUID, officialID: UUID, unitID: UUID, assignedAt: Date) {
        self.enterpriseID = enterpriseID
        self.officialID = officialID
        self.unitID = unitID
        self.assignedAt = assignedAt
    }
}

public struct LiaisonUnassigned: DomainEvent {
    public static let eventType = "qinqing.identity.liaison.unassigned.v1"
    public static let topic = Topic.identity

    public var enterpriseID: UUID
    public var officialID: UUID
    public var unassignedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(enterpriseID: UUID, officialID: UUID, unassignedAt: Date) {
        self.enterpriseID = enterpriseID
        self.officialID = officialID
        self.unassignedAt = unassignedAt
    }
}

/// A liaison official had no recorded contact with one of their enterprises in a calendar month.
public struct LiaisonContactGap: DomainEvent {
    public static let eventType = "qinqing.identity.liaison.contact-gap.v1"
    public static let topic = Topic.identity

    public var enterpriseID: UUID
    public var officialID: UUID
    /// `yyyy-MM`.
    public var month: String
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(enterpriseID: UUID, officialID: UUID, month: String) {
        self.enterpriseID = enterpriseID
        self.officialID = officialID
        self.month = month
    }
}

/// Official roles as tokens and events carry them.
public enum OfficialRole: String, Codable, Sendable, CaseIterable {
    case liaison
    case unitAdmin
    case dispatcher
    case inspector
    case platformAdmin
    /// Drafts the unit's policies (政策录入).
    case policyEditor
    /// Publishes or returns the unit's drafts (谁发布，谁审核).
    case policyReviewer
    /// An official of the statistics bureau (市统计局), who owns the monthly filings; one who is also
    /// `unitAdmin` administers them (the reporting list, windows, rules, reopenings).
    case statistician
}

public struct OfficialProfile: Codable, Sendable, Equatable {
    public var officialID: UUID
    public var name: String
    public var unitID: UUID
    public var region: String
    public var roles: [OfficialRole]
    public var active: Bool

    public init(officialID: UUID, name: String, unitID: UUID, region: String, roles: [OfficialRole], active: Bool) {
        self.officialID = officialID
        self.name = name
        self.unitID = unitID
        self.region = region
        self.roles = roles
        self.active = active
    }
}

public struct OfficialCreated: DomainEvent {
    public static let eventType = "qinqing.identity.official.created.v1"
    public static let topic = Topic.identity

    public var official: OfficialProfile
    public var createdAt: Date
    public var subject: String { official.officialID.uuidString.lowercased() }

    public init(official: OfficialProfile, createdAt: Date) {
        self.official = official
        self.createdAt = createdAt
    }
}

public struct OfficialUpdated: DomainEvent {
    public static let eventType = "qinqing.identity.official.updated.v1"
    public static let topic = Topic.identity

    public var official: OfficialProfile
    public var updatedAt: Date
    public var subject: String { official.officialID.uuidString.lowercased() }

    public init(official: OfficialProfile, updatedAt: Date) {
        self.official = official
        self.updatedAt = updatedAt
    }
}

/// A unit of the organization tree: a city department, county, district, zone or industry group.
public struct UnitProfile: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case city, department, county, district, zone, industryGroup
    }

    public var unitID: UUID
    public var name: String
    public var kind: Kind
    public var parentID: UUID?
    public var region: String

    public init(unitID: UUID, name: String, kind: Kind, parentID: UUID?, region: String) {
        self.unitID = unitID
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.region = region
    }
}

public struct UnitCreated: DomainEvent {
    public static let eventType = "qinqing.identity.unit.created.v1"
    public static let topic = Topic.identity

    public var unit: UnitProfile
    public var subject: String { unit.unitID.uuidString.lowercased() }

    public init(unit: UnitProfile) {
        self.unit = unit
    }
}

public struct UnitUpdated: DomainEvent {
    public static let eventType = "qinqing.identity.unit.updated.v1"
    public static let topic = Topic.identity

    public var unit: UnitProfile
    public var subject: String { unit.unitID.uuidString.lowercased() }

    public init(unit: UnitProfile) {
        self.unit = unit
    }
}

/// An enterprise's help request (申请帮扶) got its helpers.
public struct HelpRequestAssigned: DomainEvent {
    public static let eventType = "qinqing.identity.help-request.assigned.v1"
    public static let topic = Topic.identity

    public var requestID: UUID
    public var enterpriseID: UUID
    public var officialIDs: [UUID]
    public var assignedBy: UUID
    public var assignedAt: Date
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(requestID: UUID, enterpriseID: UUID, officialIDs: [UUID], assignedBy: UUID, assignedAt: Date) {
        self.requestID = requestID
        self.enterpriseID = enterpriseID
        self.officialIDs = officialIDs
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }
}
