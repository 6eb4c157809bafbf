import Foundation
import Hummingbird
import ServiceKit

extension Validate {
    /// `text`, refusing control characters other than line breaks and tabs (PostgreSQL stores no NUL).
    static func contentText(_ value: String?, _ field: String, max: Int, required: Bool = true) throws -> String {
        let text = try Validate.text(value, field, max: max, required: required)
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) else {
            throw APIError.invalid(field, "must not contain control characters")
        }
        return text
    }

    static func optionalContentText(_ value: String?, _ field: String, max: Int) throws -> String? {
        let text = try contentText(value, field, max: max, required: false)
        return text.isEmpty ? nil : text
    }

    /// A title keyword from the query (`q`): at most 100 characters, no control characters.
    static func keyword(_ request: Request) throws -> String? {
        try optionalContentText(request.uri.queryParameters.get("q"), "q", max: 100)
    }

    /// An optional enumerated query parameter.
    static func option<Value: RawRepresentable>(_ request: Request, _ name: String, as type: Value.Type) throws -> Value?
    where Value.RawValue == String {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let value = Value(rawValue: text) else { throw APIError.invalid(name, "is not one of the allowed values") }
        return value
    }
}
