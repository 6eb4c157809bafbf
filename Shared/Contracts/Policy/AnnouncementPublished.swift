import Foundation

/// An announcement (公告栏, Shiyan account guide items 18–19) was approved and is published to its
/// audience; notifications sends it by SMS and in-site message to that audience.
public struct AnnouncementPublished: DomainEvent {
    public static let eventType = "qinqing.policy.announcement.published.v1"
    public static let topic = Topic.policy

    /// Whom an announcement is for.
    public struct Audience: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case all
            case enterprises
            case officials
            case region
            case unit
        }

        public var kind: Kind
        /// The GB/T 2260 region code, for `region`.
        public var region: String?
        /// The unit, for `unit`.
        public var unitID: UUID?

        public init(kind: Kind, region: String? = nil, unitID: UUID? = nil) {
            self.kind = kind
            self.region = region
            self.unitID = unitID
        }
    }

    public struct Announcement: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var audience: Audience
        /// The publishing unit.
        public var unitID: UUID

        public init(id: UUID, title: String, audience: Audience, unitID: UUID) {
            self.id = id
            self.title = title
            self.audience = audience
            self.unitID = unitID
        }
    }

    public var announcement: Announcement
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { announcement.id.uuidString.lowercased() }

    public init(announcement: Announcement, publishedBy: UUID, publishedAt: Date) {
        self.announcement = announcement
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
