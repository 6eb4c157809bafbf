import Foundation

/// One dated step of a major matter's plan (13710: a matter that cannot be resolved within a month
/// gets a plan with dates).
public struct PlanMilestone: Codable, Sendable, Equatable {
    /// `yyyy-MM-dd`.
    public var date: String
    public var content: String

    public init(date: String, content: String) {
        self.date = date
        self.content = content
    }
}
