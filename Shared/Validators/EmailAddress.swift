import Foundation

/// E-mail addresses as a form would accept them: local part, `@`, a domain with a dot, 254 at most.
public enum EmailAddress {
    public static func validate(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard value.count <= 254,
            value.range(of: #"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"#, options: .regularExpression) != nil
        else { return nil }
        return value
    }
}
