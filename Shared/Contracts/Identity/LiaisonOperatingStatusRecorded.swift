import Foundation

/// A liaison official recorded (or replaced) an enterprise's operating status for a month. The
/// record's note is not carried: it is free text and may hold personal data.
public struct LiaisonOperatingStatusRecorded: DomainEvent {
    public static let eventType = "qinqing.identity.liaison.operating-status-recorded.v1"
    public static let topic = Topic.identity

    public var enterpriseID: UUID
    /// `yyyy-MM`, the month the status is of.
    public var month: String
    /// `normal`, `difficult`, `suspended` or `closed`.
    public var status: String
    /// The liaison official who recorded it.
    public var recordedBy: UUID
    public var recordedAt: Date
    /// Whether it replaced an earlier record of the same month.
    public var revised: Bool
    public var subject: String { enterpriseID.uuidString.lowercased() }

    public init(enterpriseID: UUID, month: String, status: String, recordedBy: UUID, recordedAt: Date, revised: Bool) {
        self.enterpriseID = enterpriseID
        self.month = month
        self.status = status
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.revised = revised
    }
}
