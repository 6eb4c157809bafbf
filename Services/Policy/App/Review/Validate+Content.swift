import Foundation
import Hummingbird
import ServiceKit

extension Validate {
    /// `text`, refusing control characters other than line breaks and tabs (`PlainText`) anywhere in
    /// the value as sent, before blanks around it are trimmed.
    static func contentText(_ value: String?, _ field: String, max: Int, required: Bool = true) throws -> String {
        if let value { _ = try PlainText.check(value, field) }
        return try Validate.text(value, field, max: max, required: required)
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

    /// An optional `true`/`false` query parameter; anything else is a 400 naming it.
    static func flag(_ request: Request, _ name: String) throws -> Bool? {
        switch request.uri.queryParameters.get(name) {
        case nil: nil
        case "true": true
        case "false": false
        default: throw APIError.invalid(name, "must be true or false")
        }
    }
}
