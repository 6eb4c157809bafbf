import Foundation

/// A reporting enterprise that has not filed a month yet (or did not, once its window closed).
public struct UnfiledEnterprise: Codable, Sendable, Equatable {
    public var reportingEnterpriseID: UUID
    /// The identity enterprise it files as, when identity knows it (by USCC, else by name).
    public var enterpriseID: UUID?
    public var name: String
    public var region: String

    public init(reportingEnterpriseID: UUID, enterpriseID: UUID?, name: String, region: String) {
        self.reportingEnterpriseID = reportingEnterpriseID
        self.enterpriseID = enterpriseID
        self.name = name
        self.region = region
    }
}

/// A month's filing window opened (Beijing dates, both days included).
public struct FilingWindowOpened: DomainEvent {
    public static let eventType = "qinqing.filing.window.opened.v1"
    public static let topic = Topic.filing

    /// `yyyy-MM`.
    public var period: String
    /// `yyyy-MM-dd`.
    public var opensOn: String
    public var closesOn: String
    public var subject: String { period }

    public init(period: String, opensOn: String, closesOn: String) {
        self.period = period
        self.opensOn = opensOn
        self.closesOn = closesOn
    }
}

/// The day before a month's window closes: the enterprises that have not filed yet (reminded by
/// notifications through `unfiledEnterpriseIDs`).
public struct FilingWindowClosingSoon: DomainEvent {
    public static let eventType = "qinqing.filing.window.closing-soon.v1"
    public static let topic = Topic.filing

    public var period: String
    public var opensOn: String
    public var closesOn: String
    public var unfiled: [UnfiledEnterprise]
    /// The identity enterprises among `unfiled`, for recipients.
    public var unfiledEnterpriseIDs: [UUID]
    public var subject: String { period }

    public init(period: String, opensOn: String, closesOn: String, unfiled: [UnfiledEnterprise]) {
        self.period = period
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.unfiled = unfiled
        self.unfiledEnterpriseIDs = unfiled.compactMap(\.enterpriseID)
    }
}

/// A month's window closed: how many reporting enterprises filed and how many are missing.
public struct FilingWindowClosed: DomainEvent {
    public static let eventType = "qinqing.filing.window.closed.v1"
    public static let topic = Topic.filing

    public var period: String
    public var opensOn: String
    public var closesOn: String
    public var filed: Int
    public var missing: Int
    public var subject: String { period }

    public init(period: String, opensOn: String, closesOn: String, filed: Int, missing: Int) {
        self.period = period
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.filed = filed
        self.missing = missing
    }
}

/// A reporting enterprise had not filed a month when its window closed (recorded missing).
public struct FilingMissing: DomainEvent {
    public static let eventType = "qinqing.filing.filing.missing.v1"
    public static let topic = Topic.filing

    public var enterprise: UnfiledEnterprise
    public var period: String
    public var closesOn: String
    public var subject: String { enterprise.reportingEnterpriseID.uuidString.lowercased() }

    public init(enterprise: UnfiledEnterprise, period: String, closesOn: String) {
        self.enterprise = enterprise
        self.period = period
        self.closesOn = closesOn
    }
}
