import Foundation
import Hummingbird

/// An interpretation as lists, the detail and its policy's detail show it. The image and a video file
/// are read at `/policy-attachments/{imageID|videoID}` (public once the interpretation is published).
struct InterpretationView: ResponseCodable, Sendable {
    var id: UUID
    var policyID: UUID
    var policyTitle: String
    var region: String
    var form: InterpretationInput.Form
    var title: String
    /// Sanitized rich text (the detail only).
    var body: String?
    var imageID: UUID?
    var altText: String?
    var videoURL: String?
    var videoID: UUID?
    var unitID: UUID
    var status: ReviewRule.Status
    /// Staff only.
    var returnReason: String?
    var draftedBy: UUID?
    var publishedAt: Date?
    var updatedAt: Date
    var history: [ReviewHistoryStore.Entry]?

    init(_ record: InterpretationStore.Record, staff: Bool, withBody: Bool) {
        id = record.id
        policyID = record.policyID
        policyTitle = record.policyTitle
        region = record.region
        form = record.form
        title = record.title
        body = withBody ? record.body : nil
        imageID = record.imageID
        altText = record.altText
        videoURL = record.videoURL
        videoID = record.videoID
        unitID = record.unitID
        status = record.status
        returnReason = staff ? record.returnReason : nil
        draftedBy = staff ? record.draftedBy : nil
        publishedAt = record.publishedAt
        updatedAt = record.updatedAt
    }
}
