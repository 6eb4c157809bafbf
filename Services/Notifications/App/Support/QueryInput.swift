import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Reads query parameters with field-named 400s (paging is `Paging`'s).
struct QueryInput {
    let request: Request

    func string(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A typed parameter's text: nil when absent; an empty value is not a boolean, UUID or time (400).
    private func typed(_ name: String) -> String? { request.uri.queryParameters.get(name) }

    func bool(_ name: String) throws -> Bool? {
        guard let text = typed(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError.invalid(name, "must be true or false")
        }
    }

    func uuid(_ name: String) throws -> UUID? {
        guard let text = typed(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw APIError.invalid(name, "must be a UUID") }
        return id
    }

    func date(_ name: String) throws -> Date? {
        guard let text = typed(name) else { return nil }
        guard let date = EventTime.parse(text) else { throw APIError.invalid(name, "must be an RFC 3339 timestamp") }
        return date
    }

    func oneOf(_ name: String, _ allowed: [String]) throws -> String? {
        guard let text = string(name) else { return nil }
        guard allowed.contains(text) else {
            throw APIError.invalid(name, "must be one of \(allowed.joined(separator: ", "))")
        }
        return text
    }
}
