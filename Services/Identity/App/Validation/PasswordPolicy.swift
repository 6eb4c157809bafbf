import ServiceKit

/// At least 8 characters from at least three of: lower case, upper case, digits, other symbols.
public enum PasswordPolicy {
    public static func check(_ password: String, field: String) throws {
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
