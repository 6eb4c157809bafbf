import Contracts
import Foundation
import Postgres

/// One `policies` row as the workflow and views need it.
struct PolicyRecord: Sendable {
    static let columns = """
        p.policy_id, p.status, p.review_state, p.version, p.title, p.document_number, p.agency_id, u.name AS agency_name,
        p.region, p.issued_at, p.published_at, p.first_published_at, p.policy_type, p.subsidy_type, p.tags, p.body,
        p.attachments, p.hours_to_publish::text AS hours_to_publish, p.late, p.has_interpretations, p.has_redemption, p.pending, p.pending_editors,
        p.return_reason, p.withdrawal_reason, p.created_at, p.updated_at
        """

    var id: UUID
    var status: PolicyStatus
    var review: ReviewState
    var version: Int
    var content: PolicyContent
    var agencyID: UUID
    var agencyName: String
    var publishedAt: Date?
    var firstPublishedAt: Date?
    var hoursToPublish: String?
    var late: Bool
    var hasInterpretations: Bool
    var hasRedemption: Bool
    var pending: PolicyContent?
    var pendingEditors: [UUID]
    var returnReason: String?
    var withdrawalReason: String?
    var createdAt: Date
    var updatedAt: Date

    init(row: PostgresRow) throws {
        id = try row.decode("policy_id")
        status = PolicyStatus(rawValue: try row.decode("status")) ?? .unpublished
        review = ReviewState(rawValue: try row.decode("review_state")) ?? .none
        version = try row.decode("version")
        content = PolicyContent(
            title: try row.decode("title"), documentNumber: try row.decode("document_number"), region: try row.decode("region"),
            issuedAt: try row.decode("issued_at"), policyType: try row.decode("policy_type"), subsidyType: try row.decode("subsidy_type"),
            tags: try row.decode("tags"), body: try row.decode("body"), attachments: try row.decode("attachments"))
        agencyID = try row.decode("agency_id")
        agencyName = try row.decode("agency_name", as: String?.self) ?? ""
        publishedAt = try row.decode("published_at")
        firstPublishedAt = try row.decode("first_published_at")
        hoursToPublish = try row.decode("hours_to_publish")
        late = try row.decode("late")
        hasInterpretations = try row.decode("has_interpretations")
        hasRedemption = try row.decode("has_redemption")
        pending = try row.decode("pending", as: PostgresJSON?.self).map { try $0.decode(PolicyContent.self, decoder: EventJSON.makeDecoder()) }
        pendingEditors = try row.decode("pending_editors")
        returnReason = try row.decode("return_reason")
        withdrawalReason = try row.decode("withdrawal_reason")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }

    func summary(publishedAt: Date) -> PolicySummary {
        PolicySummary(
            policyID: id, version: version, title: content.title, documentNumber: content.documentNumber, agencyID: agencyID,
            agencyName: agencyName, region: content.region, issuedAt: content.issuedAt, publishedAt: publishedAt,
            policyType: content.policyType, subsidyType: content.subsidyType, tags: content.tags)
    }
}
