import ServiceKit

/// Identity's own input rules (the shared ones are `Validate`): usernames and the password policy.
public enum AccountRules {
    /// 3–64 ASCII letters, digits or `. _ - @`, lower-cased (the OpenAPI pattern `^[A-Za-z0-9._@-]{3,64}$`).
    static func username(_ value: String?, field: String) throws -> String {
        let text = try Validate.text(value, field, max: 64).lowercased()
        guard text.count >= 3, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) else {
            throw APIError.invalid(field, "must be 3–64 ASCII letters, digits or . _ - @")
        }
        return text
    }

    /// At least 8 characters from at least three of: lower case, upper case, digits, other symbols.
    public static func password(_ password: String, field: String) throws {
        guard password.count >= 8 else {
            throw APIError.invalid(field, "must be at least 8 characters long")
        }
        guard password.count <= 72 else { throw APIError.invalid(field, "must be at most 72 characters long") }
        var classes = 0
        if password.contains(where: { $0.isLowercase }) { classes += 1 }
        if password.contains(where: { $0.isUppercase }) { classes += 1 }
        if password.contains(where: { $0.isNumber }) { classes += 1 }
        if password.contains(where: { !$0.isLetter && !$0.isNumber }) { classes += 1 }
        guard classes >= 3 else {
            throw APIError.invalid(
                field, "must mix at least three of: lower-case letters, upper-case letters, digits, symbols")
        }
    }
}
