import Foundation
import Hummingbird
import Postgres

/// A row of the policy list (政策文库): what the seed's list and its 解读详情 / 我要兑现 links need.
struct PolicyListItem: ResponseCodable, Sendable {
    static let columns = """
        p.policy_id, p.title, p.document_number, p.agency_id, u.name AS agency_name, p.region, p.issued_at, p.published_at,
        p.policy_type, p.subsidy_type, p.tags, p.late, p.hours_to_publish::text AS hours_to_publish, p.has_interpretations, p.has_redemption
        """

    var id: UUID
    var title: String
    var documentNumber: String
    var agencyID: UUID
    var agencyName: String
    var region: String
    var issuedAt: Date
    var publishedAt: Date
    var policyType: String
    var subsidyType: String?
    var tags: [String]
    /// Published more than 24 hours after issue (art. 5).
    var late: Bool
    var hoursToPublish: String?
    var hasInterpretations: Bool
    var hasRedemption: Bool

    init(row: PostgresRow) throws {
        id = try row.decode("policy_id")
        title = try row.decode("title")
        documentNumber = try row.decode("document_number")
        agencyID = try row.decode("agency_id")
        agencyName = try row.decode("agency_name", as: String?.self) ?? ""
        region = try row.decode("region")
        issuedAt = try row.decode("issued_at")
        publishedAt = try row.decode("published_at")
        policyType = try row.decode("policy_type")
        subsidyType = try row.decode("subsidy_type")
        tags = try row.decode("tags")
        late = try row.decode("late")
        hoursToPublish = try row.decode("hours_to_publish")
        hasInterpretations = try row.decode("has_interpretations")
        hasRedemption = try row.decode("has_redemption")
    }
}
