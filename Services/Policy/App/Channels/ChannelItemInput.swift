import Foundation
import ServiceKit

/// A channel item as an editor drafts or edits it.
struct ChannelItemInput: Decodable {
    var section: ChannelCatalogue.Section?
    var kind: ChannelCatalogue.Kind?
    var title: String?
    var body: String?
    var source: String?
    var url: String?

    /// The checked draft: the kind fits the section, a link kind has an http(s) `url`, other kinds a
    /// body, which is sanitized.
    struct Draft: Sendable {
        var section: ChannelCatalogue.Section
        var kind: ChannelCatalogue.Kind
        var title: String
        var body: String
        var source: String
        var url: String?
    }

    func validated() throws -> Draft {
        guard let section else { throw APIError.invalid("section", "is required") }
        guard let kind else { throw APIError.invalid("kind", "is required") }
        guard section.kinds.contains(kind) else {
            throw APIError.invalid("kind", "must be one of \(section.kinds.map(\.rawValue).joined(separator: ", ")) in \(section.rawValue)")
        }
        let title = try Validate.contentText(title, "title", max: 200)
        let source = try Validate.contentText(source, "source", max: 100)
        let body = HTMLSanitizer.sanitize(try Validate.contentText(body, "body", max: 50_000, required: !kind.isLink))
        let url = kind.isLink ? try OutboundLink.validate(url, "url") : try url.map { try OutboundLink.validate($0, "url") }
        return Draft(section: section, kind: kind, title: title, body: body, source: source, url: url)
    }
}
