import Contracts
import Foundation
import Hummingbird
import ServiceKit

extension AppRequestContext {
    /// A UUID path parameter, or a field-named 400.
    func uuid(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw APIError.invalid(name, "must be a UUID")
        }
        return id
    }
}

typealias OfficialRoleName = OfficialRole

extension Request {
    /// The client address as the front proxy reports it (`X-Forwarded-For`, first hop).
    var clientIP: String {
        guard let forwarded = headers[.init("X-Forwarded-For")!] else { return "direct" }
        return forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "direct"
    }
}

/// An empty success body.
struct Done: ResponseCodable {
    var ok = true
}
