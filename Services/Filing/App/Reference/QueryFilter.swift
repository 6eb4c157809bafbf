import Foundation
import Hummingbird
import ServiceKit

/// The filter parameters of the filing service's lists: a parameter that is present must hold a value
/// of its rule, an empty one included (`?region=` is a 400 naming `region`, as the documents' patterns
/// and enums say, never "no filter").
enum QueryFilter {
    /// The value of `name` when present; a 400 naming it unless it matches `pattern` (anchored).
    static func matching(_ request: Request, _ name: String, _ pattern: String, _ rule: String) throws -> String? {
        guard let value = request.uri.queryParameters.get(name) else { return nil }
        guard value.range(of: pattern, options: .regularExpression) != nil else { throw APIError.invalid(name, rule) }
        return value
    }

    /// The value of `name` when present; a 400 naming it unless it is one of `values`.
    static func oneOf(_ request: Request, _ name: String, _ values: [String]) throws -> String? {
        guard let value = request.uri.queryParameters.get(name) else { return nil }
        guard values.contains(value) else { throw APIError.invalid(name, "must be one of \(values.joined(separator: ", "))") }
        return value
    }

    static let region = #"\A[0-9]{6}\z"#
    static let regionRule = "must be a 6-digit region code"
}
