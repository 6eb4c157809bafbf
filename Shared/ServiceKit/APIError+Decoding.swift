import Foundation

extension APIError {
    /// A field-named 400 for a request body that did not decode.
    public init(decoding error: DecodingError) {
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
            self = .invalid(path(context), "must be a \(APIError.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            self = .invalid(path(context), "must be a \(APIError.jsonTypeName(type)), not null")
        case .dataCorrupted(let context):
            let field = path(context)
            self = field == "body"
                ? .invalid("body", "is not valid JSON") : .invalid(field, "has an invalid value")
        @unknown default:
            self = .invalid("body", "could not be read")
        }
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: "integer"
        case is Double.Type, is Decimal.Type: "number"
        case is UUID.Type: "UUID string"
        case is Date.Type: "RFC 3339 timestamp"
        default: "value of the right type"
        }
    }
}
