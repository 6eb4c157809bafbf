import Foundation

/// An enterprise rated its liaison official for a quarter (干部测评) on Shiyan's four roles, 1–5 each.
public struct OfficialRated: DomainEvent {
    public static let eventType = "qinqing.appeals.official.rated.v1"
    public static let topic = Topic.appeals

    public struct Scores: Codable, Sendable, Equatable {
        /// 疫情防控指导员
        public var epidemicGuide: Int
        /// 高质量发展参谋员
        public var developmentAdvisor: Int
        /// 企业诉求调解员
        public var appealMediator: Int
        /// 惠企政策宣讲员
        public var policyPromoter: Int

        public init(epidemicGuide: Int, developmentAdvisor: Int, appealMediator: Int, policyPromoter: Int) {
            self.epidemicGuide = epidemicGuide
            self.developmentAdvisor = developmentAdvisor
            self.appealMediator = appealMediator
            self.policyPromoter = policyPromoter
        }
    }

    public var ratingID: UUID
    public var officialID: UUID
    public var enterpriseID: UUID
    /// `yyyy-Qn`, e.g. `2026-Q4`.
    public var quarter: String
    public var scores: Scores
    public var ratedAt: Date
    public var subject: String { officialID.uuidString.lowercased() }

    public init(ratingID: UUID, officialID: UUID, enterpriseID: UUID, quarter: String, scores: Scores, ratedAt: Date) {
        self.ratingID = ratingID
        self.officialID = officialID
        self.enterpriseID = enterpriseID
        self.quarter = quarter
        self.scores = scores
        self.ratedAt = ratedAt
    }
}
