import Foundation
import Hummingbird

/// A policy as its detail shows it: the public version, and for its unit's editors and reviewers
/// the content under edit or review.
struct PolicyView: ResponseCodable, Sendable {
    struct Version: Codable, Sendable {
        var version: Int
        var publishedAt: Date
        var content: PolicyContent
    }

    struct Step: ResponseCodable, Sendable {
        var action: String
        var status: String
        var reviewState: String
        var actorID: UUID
        var actorRole: String
        var reason: String?
        var at: Date
    }

    var id: UUID
    var status: PolicyStatus
    var version: Int
    var title: String
    var documentNumber: String
    var agencyID: UUID
    var agencyName: String
    var region: String
    var issuedAt: Date
    var publishedAt: Date?
    var firstPublishedAt: Date?
    var policyType: String
    var subsidyType: String?
    var tags: [String]
    var body: String
    var attachments: [UUID]
    var hoursToPublish: String?
    var late: Bool
    var hasInterpretations: Bool
    var hasRedemption: Bool
    var withdrawalReason: String?
    /// Staff only.
    var reviewState: ReviewState?
    var pending: PolicyContent?
    var pendingEditors: [UUID]?
    var returnReason: String?
    var versions: [Version]?
    /// The detail's published interpretations (解读详情), newest first.
    var interpretations: [InterpretationView]?
    /// The detail's published redemption items (我要兑现), newest first.
    var redemptionItems: [RedemptionItemView]?

    init(_ record: PolicyRecord, staff: Bool, versions: [Version]? = nil) {
        id = record.id
        status = record.status
        version = record.version
        title = record.content.title
        documentNumber = record.content.documentNumber
        agencyID = record.agencyID
        agencyName = record.agencyName
        region = record.content.region
        issuedAt = record.content.issuedAt
        publishedAt = record.publishedAt
        firstPublishedAt = record.firstPublishedAt
        policyType = record.content.policyType
        subsidyType = record.content.subsidyType
        tags = record.content.tags
        body = record.content.body
        attachments = record.content.attachments
        hoursToPublish = record.hoursToPublish
        late = record.late
        hasInterpretations = record.hasInterpretations
        hasRedemption = record.hasRedemption
        withdrawalReason = record.withdrawalReason
        self.versions = versions
        if staff {
            reviewState = record.review
            pending = record.pending
            pendingEditors = record.pendingEditors
            returnReason = record.returnReason
        }
    }
}
