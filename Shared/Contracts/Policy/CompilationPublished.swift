import Foundation

/// A reviewer assembled published policies into a named, ordered compilation (政策汇编 / 政策指南,
/// Shiyan account guide items 5, 10, 17) that anyone can read and print.
public struct CompilationPublished: DomainEvent {
    public static let eventType = "qinqing.policy.compilation.published.v1"
    public static let topic = Topic.policy

    public struct Compilation: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        /// The assembling reviewer's unit.
        public var unitID: UUID
        /// The policies, in the compilation's order.
        public var policyIDs: [UUID]

        public init(id: UUID, title: String, unitID: UUID, policyIDs: [UUID]) {
            self.id = id
            self.title = title
            self.unitID = unitID
            self.policyIDs = policyIDs
        }
    }

    public var compilation: Compilation
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { compilation.id.uuidString.lowercased() }

    public init(compilation: Compilation, publishedBy: UUID, publishedAt: Date) {
        self.compilation = compilation
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
