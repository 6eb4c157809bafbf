import Foundation
import ServiceKit

/// An interpretation (政策解读) as an editor drafts or edits it.
struct InterpretationInput: Decodable {
    enum Form: String, Codable, Sendable, CaseIterable {
        /// Rich text (sanitized to the library's allow-list).
        case text
        /// 一图看懂: one PNG or JPEG file of the unit, with alt text for those who cannot see it.
        case image
        /// A video: an https link, or an MP4 file of the unit.
        case video
    }

    var policyID: String?
    var form: Form?
    var title: String?
    var body: String?
    var imageID: String?
    var altText: String?
    var videoURL: String?
    var videoID: String?

    /// The checked draft: a text needs a body; an image its file and alt text; a video its https link
    /// or its file (one of the two).
    /// A field of another form is refused (400 naming it).
    struct Draft: Sendable {
        var policyID: UUID
        var form: Form
        var title: String
        var body: String
        var imageID: UUID?
        var altText: String?
        var videoURL: String?
        var videoID: UUID?
    }

    func validated() throws -> Draft {
        let policyID = try Self.uuid(policyID, "policyID")
        guard let form else { throw APIError.invalid("form", "is required (text, image or video)") }
        let title = try Validate.contentText(title, "title", max: 200)
        let body = HTMLSanitizer.sanitize(try Validate.contentText(body, "body", max: 50_000, required: form == .text))
        var draft = Draft(policyID: policyID, form: form, title: title, body: body)
        switch form {
        case .image:
            draft.imageID = try Self.uuid(imageID, "imageID")
            draft.altText = try Validate.contentText(altText, "altText", max: 500)
        case .video where videoID != nil:
            if videoURL != nil { throw APIError.invalid("videoURL", "is not allowed beside videoID (a link or a file, not both)") }
            draft.videoID = try Self.uuid(videoID, "videoID")
        case .video:
            draft.videoURL = try Self.videoLink(videoURL)
        case .text:
            break
        }
        if form != .image, imageID != nil { throw APIError.invalid("imageID", "is only for image interpretations") }
        if form != .image, altText != nil { throw APIError.invalid("altText", "is only for image interpretations") }
        if form != .video, videoURL != nil { throw APIError.invalid("videoURL", "is only for video interpretations") }
        if form != .video, videoID != nil { throw APIError.invalid("videoID", "is only for video interpretations") }
        return draft
    }

    static func uuid(_ value: String?, _ field: String) throws -> UUID {
        guard let value else { throw APIError.invalid(field, "is required") }
        guard let id = UUID(uuidString: value) else { throw APIError.invalid(field, "must be a UUID") }
        return id
    }

    /// An absolute https link with a host (an http one would be blocked as mixed content on the portal).
    static func videoLink(_ value: String?) throws -> String {
        let link = try OutboundLink.validate(value, "videoURL")
        guard link.lowercased().hasPrefix("https://") else { throw APIError.invalid("videoURL", "must be an https link") }
        return link
    }
}
