import Foundation

/// Mainland phone numbers: mobiles (11 digits, 1[3-9]…) and landlines (area code 0xx or 0xxx, an
/// optional hyphen, 7–8 digits).
public enum PhoneNumber {
    public enum Kind: Sendable {
        case mobile
        case mobileOrLandline
    }

    /// The number as written (trimmed) when it is of `kind`; nil otherwise.
    public static func validate(_ text: String, _ kind: Kind) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if isMobile(value) { return value }
        return kind == .mobileOrLandline && isLandline(value) ? value : nil
    }

    public static func isMobile(_ value: String) -> Bool {
        let characters = Array(value)
        return characters.count == 11 && characters.allSatisfy(\.isASCIIDigit) && characters[0] == "1"
            && ("3"..."9").contains(characters[1])
    }

    public static func isLandline(_ value: String) -> Bool {
        value.range(of: #"^0[0-9]{2,3}-?[0-9]{7,8}$"#, options: .regularExpression) != nil
    }
}
