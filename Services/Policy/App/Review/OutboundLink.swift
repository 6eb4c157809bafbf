import Foundation
import ServiceKit

/// An outbound link (业务入口, 就业网/创业网): an absolute http or https URL with a host, at most 2,000 characters.
enum OutboundLink {
    static func validate(_ value: String?, _ field: String) throws -> String {
        let text = try Validate.text(value, field, max: 2000)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            !text.contains(where: { $0.isWhitespace })
        else {
            throw APIError.invalid(field, "must be an http or https link")
        }
        return text
    }
}
