import ServiceKit

/// Text the database can keep as it came: no NUL or other control character (C0, DEL, C1) but tab
/// and line breaks (PostgreSQL's text and jsonb refuse NUL; the others are never content). A 400
/// naming the field otherwise. The OpenAPI document states this rule as the pattern
/// `^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$` (with `\S` somewhere when the text is required).
enum PlainText {
    static func check(_ text: String, _ field: String) throws -> String {
        guard !text.unicodeScalars.contains(where: isRefused) else {
            throw APIError.invalid(field, "must not contain control characters")
        }
        return text
    }

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && !["\t", "\n", "\r"].contains(scalar)
    }
}
