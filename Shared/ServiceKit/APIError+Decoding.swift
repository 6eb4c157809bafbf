import Foundation

extension APIError {
    /// A field-named 400 for a request body that did not decode.
    /// With the `body` at hand, a number too large for any numeric type names its field, not `body`.
    public init(decoding error: DecodingError, body: Data? = nil) {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let body,
            let field = OversizedNumber.field(in: body)
        {
            self = .invalid(field, "is a number too large")
            return
        }
        func path(_ context: DecodingError.Context, appending key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return joined.isEmpty ? "body" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            self = .invalid(path(context, appending: key), "is required")
        case .typeMismatch(let type, let context):
            self = .invalid(path(context), "must be \(APIError.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            self = .invalid(path(context), "must be \(APIError.jsonTypeName(type)), not null")
        case .dataCorrupted(let context):
            let field = path(context)
            self = field == "body"
                ? .invalid("body", "is not valid JSON") : .invalid(field, "has an invalid value")
        @unknown default:
            self = .invalid("body", "could not be read")
        }
    }

    /// The JSON type's name with its article ("an integer").
    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Decimal.Type: "a number"
        case is UUID.Type: "a UUID string"
        case is Date.Type: "an RFC 3339 timestamp"
        default: "a value of the right type"
        }
    }
}
