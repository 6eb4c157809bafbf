import Foundation
import Hummingbird

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
