import Contracts
import Foundation
import ServiceKit

/// An announcement as an editor drafts or edits it: title, rich-text body (sanitized) and audience.
struct AnnouncementInput: Decodable {
    struct AudienceInput: Decodable {
        var kind: AnnouncementPublished.Audience.Kind?
        var region: String?
        var unitID: UUID?
    }

    var title: String?
    var body: String?
    var audience: AudienceInput?

    struct Draft: Sendable {
        var title: String
        var body: String
        var audience: AnnouncementPublished.Audience
    }

    func validated() throws -> Draft {
        let title = try Validate.contentText(title, "title", max: 200)
        let body = HTMLSanitizer.sanitize(try Validate.contentText(body, "body", max: 50_000))
        guard let audience, let kind = audience.kind else { throw APIError.invalid("audience.kind", "is required") }
        var checked = AnnouncementPublished.Audience(kind: kind)
        switch kind {
        case .region:
            guard let region = audience.region, region.range(of: #"^[0-9]{6}$"#, options: .regularExpression) != nil else {
                throw APIError.invalid("audience.region", "must be a six-digit region code")
            }
            checked.region = region
        case .unit:
            guard let unitID = audience.unitID else { throw APIError.invalid("audience.unitID", "is required") }
            checked.unitID = unitID
        case .all, .enterprises, .officials:
            break
        }
        return Draft(title: title, body: body, audience: checked)
    }
}
