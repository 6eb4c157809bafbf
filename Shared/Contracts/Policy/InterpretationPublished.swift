import Foundation

/// An interpretation (政策解读: text, 一图看懂 image or video) of a published policy was approved by a
/// reviewer of its unit and is now public. Carries its policy's facts as they were at publication,
/// so subscriptions match against them.
public struct InterpretationPublished: DomainEvent {
    public static let eventType = "qinqing.policy.interpretation.published.v1"
    public static let topic = Topic.policy

    public struct Interpretation: Codable, Sendable, Equatable {
        public var id: UUID
        /// `text`, `image` (一图看懂) or `video`.
        public var form: String
        public var title: String
        /// The unit whose editor drafted it and whose reviewer published it.
        public var unitID: UUID

        public init(id: UUID, form: String, title: String, unitID: UUID) {
            self.id = id
            self.form = form
            self.title = title
            self.unitID = unitID
        }
    }

    /// The interpreted policy's facts that subscriptions match on.
    public struct Policy: Codable, Sendable, Equatable {
        public var policyID: UUID
        public var title: String
        public var agencyID: UUID
        public var region: String
        public var policyType: String
        public var tags: [String]

        public init(policyID: UUID, title: String, agencyID: UUID, region: String, policyType: String, tags: [String]) {
            self.policyID = policyID
            self.title = title
            self.agencyID = agencyID
            self.region = region
            self.policyType = policyType
            self.tags = tags
        }
    }

    public var interpretation: Interpretation
    public var policy: Policy
    public var draftedBy: UUID
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { interpretation.id.uuidString.lowercased() }

    public init(interpretation: Interpretation, policy: Policy, draftedBy: UUID, publishedBy: UUID, publishedAt: Date) {
        self.interpretation = interpretation
        self.policy = policy
        self.draftedBy = draftedBy
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
