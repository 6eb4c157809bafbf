import ServiceKit

/// Text the database can keep as it came: no NUL or other control characters but tab and line
/// breaks (PostgreSQL's text and jsonb refuse NUL). A 400 naming the field otherwise.
enum PlainText {
    static func check(_ text: String, _ field: String) throws -> String {
        let allowed: Set<Unicode.Scalar> = ["\t", "\n", "\r"]
        guard !text.unicodeScalars.contains(where: { ($0.value < 0x20 || $0.value == 0x7F) && !allowed.contains($0) }) else {
            throw APIError.invalid(field, "must not contain control characters")
        }
        return text
    }
}
