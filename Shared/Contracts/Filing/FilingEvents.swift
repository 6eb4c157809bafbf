import Foundation

/// The filing service's events on `qinqing.filing.v1`: monthly filings of the reporting enterprises
/// (重点监测工业企业), their windows, reopenings and missing filers.
public enum FilingEvents {
    public static let all: [any DomainEvent.Type] = [
        FilingSubmitted.self, FilingRevised.self, FilingCountersigned.self, FilingMonthApproved.self, FilingMonthReopened.self,
        FilingWindowOpened.self, FilingWindowClosingSoon.self, FilingWindowClosed.self, FilingMissing.self,
    ]
}

/// An enterprise filed its month for the first time (the figures travel in the event).
public struct FilingSubmitted: DomainEvent {
    public static let eventType = "qinqing.filing.filing.submitted.v1"
    public static let topic = Topic.filing

    public var filing: FilingFacts
    public var submittedBy: UUID
    public var submittedAt: Date
    public var subject: String { filing.filingID.uuidString.lowercased() }

    public init(filing: FilingFacts, submittedBy: UUID, submittedAt: Date) {
        self.filing = filing
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
    }
}

/// An enterprise filed its month again (a new version; the earlier ones are kept).
public struct FilingRevised: DomainEvent {
    public static let eventType = "qinqing.filing.filing.revised.v1"
    public static let topic = Topic.filing

    public var filing: FilingFacts
    public var revisedBy: UUID
    public var revisedAt: Date
    public var subject: String { filing.filingID.uuidString.lowercased() }

    public init(filing: FilingFacts, revisedBy: UUID, revisedAt: Date) {
        self.filing = filing
        self.revisedBy = revisedBy
        self.revisedAt = revisedAt
    }
}

/// A bureau admin reopened one enterprise's month, with a reason, until a day (inclusive, Beijing date).
public struct FilingMonthReopened: DomainEvent {
    public static let eventType = "qinqing.filing.month.reopened.v1"
    public static let topic = Topic.filing

    public var reportingEnterpriseID: UUID
    public var enterpriseName: String
    public var region: String
    public var period: String
    /// `yyyy-MM-dd`.
    public var until: String
    public var reason: String
    public var reopenedBy: UUID
    public var reopenedAt: Date
    public var subject: String { reportingEnterpriseID.uuidString.lowercased() }

    public init(
        reportingEnterpriseID: UUID, enterpriseName: String, region: String, period: String, until: String, reason: String,
        reopenedBy: UUID, reopenedAt: Date
    ) {
        self.reportingEnterpriseID = reportingEnterpriseID
        self.enterpriseName = enterpriseName
        self.region = region
        self.period = period
        self.until = until
        self.reason = reason
        self.reopenedBy = reopenedBy
        self.reopenedAt = reopenedAt
    }
}

/// The enterprise's liaison official countersigned (签批) its filing of the month.
public struct FilingCountersigned: DomainEvent {
    public static let eventType = "qinqing.filing.filing.countersigned.v1"
    public static let topic = Topic.filing

    public var filingID: UUID
    public var reportingEnterpriseID: UUID
    public var region: String
    public var period: String
    public var version: Int
    public var countersignedBy: UUID
    public var countersignedAt: Date
    public var subject: String { filingID.uuidString.lowercased() }

    public init(
        filingID: UUID, reportingEnterpriseID: UUID, region: String, period: String, version: Int, countersignedBy: UUID,
        countersignedAt: Date
    ) {
        self.filingID = filingID
        self.reportingEnterpriseID = reportingEnterpriseID
        self.region = region
        self.period = period
        self.version = version
        self.countersignedBy = countersignedBy
        self.countersignedAt = countersignedAt
    }
}

/// The statistics bureau approved a county's countersigned filings of a month (data approval); a
/// change to one of them now needs the month reopened for its enterprise.
public struct FilingMonthApproved: DomainEvent {
    public static let eventType = "qinqing.filing.month.approved.v1"
    public static let topic = Topic.filing

    public var region: String
    public var period: String
    /// The filings approved, each with the version approved.
    public var filings: [ApprovedFiling]
    public var approvedBy: UUID
    public var approvedAt: Date
    public var subject: String { "\(region)/\(period)" }

    public struct ApprovedFiling: Codable, Sendable, Equatable {
        public var filingID: UUID
        public var reportingEnterpriseID: UUID
        public var version: Int

        public init(filingID: UUID, reportingEnterpriseID: UUID, version: Int) {
            self.filingID = filingID
            self.reportingEnterpriseID = reportingEnterpriseID
            self.version = version
        }
    }

    public init(region: String, period: String, filings: [ApprovedFiling], approvedBy: UUID, approvedAt: Date) {
        self.region = region
        self.period = period
        self.filings = filings
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }
}
