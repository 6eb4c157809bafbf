import Foundation
import Validators

/// Field checks for request bodies and queries: each returns the normalized value or throws a 400
/// naming the field. The rules themselves live in `Validators` (testable without HTTP).
public enum Validate {
    /// Trimmed text of at most `max` characters; empty is an error when `required`.
    public static func text(_ value: String?, _ field: String, max: Int, required: Bool = true) throws -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw APIError.invalid(field, "is required") }
        guard !trimmed.unicodeScalars.contains("\u{0}") else { throw APIError.invalid(field, "must not contain NUL characters") }
        guard trimmed.count <= max else { throw APIError.invalid(field, "must be at most \(max) characters") }
        return trimmed
    }

    /// Like `text`, but an absent or blank value is nil.
    public static func optionalText(_ value: String?, _ field: String, max: Int) throws -> String? {
        guard let value else { return nil }
        let trimmed = try text(value, field, max: max, required: false)
        return trimmed.isEmpty ? nil : trimmed
    }

    public static func phone(_ value: String?, _ field: String, _ kind: PhoneNumber.Kind = .mobile) throws -> String {
        let text = try Self.text(value, field, max: 20)
        guard let valid = PhoneNumber.validate(text, kind) else {
            throw APIError.invalid(
                field,
                kind == .mobile
                    ? "must be an 11-digit mainland mobile number"
                    : "must be a mobile number (11 digits) or a landline with area code")
        }
        return valid
    }

    public static func email(_ value: String?, _ field: String) throws -> String {
        let text = try Self.text(value, field, max: 254)
        guard let valid = EmailAddress.validate(text) else { throw APIError.invalid(field, "must be an email address") }
        return valid
    }

    /// An 18-character resident ID number with a right GB 11643-1999 check character and a real birth date.
    public static func idNumber(_ value: String?, _ field: String) throws -> String {
        let text = try Self.text(value, field, max: 18)
        guard let valid = IDNumber.validate(text) else {
            throw APIError.invalid(field, "is not a valid resident ID number (GB 11643-1999 check character)")
        }
        return valid
    }

    /// An 18-character unified social credit code with a right GB 32100-2015 check character.
    public static func uscc(_ value: String?, _ field: String) throws -> String {
        let text = try Self.text(value, field, max: 18)
        guard let valid = USCC.validate(text) else {
            throw APIError.invalid(field, "is not a valid unified social credit code (GB 32100-2015 check character)")
        }
        return valid
    }
}
