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
        guard let date = EventTime.parse(text), Self.isRealDay(text) else {
            throw APIError.invalid(name, "must be an RFC 3339 timestamp")
        }
        return date
    }

    /// The parser rolls 2026-04-31 over to May 1st; RFC 3339 (and the OpenAPI document) refuse it.
    static func isRealDay(_ text: String) -> Bool {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        guard let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: day)
        return back.year == parts[0] && back.month == parts[1] && back.day == parts[2]
    }

    /// An enumerated parameter: nil when absent; an empty value is none of the allowed ones (400).
    func oneOf(_ name: String, _ allowed: [String]) throws -> String? {
        guard let text = typed(name) else { return nil }
        guard allowed.contains(text) else {
            throw APIError.invalid(name, "must be one of \(allowed.joined(separator: ", "))")
        }
        return text
    }
}
