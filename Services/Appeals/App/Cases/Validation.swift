import Foundation
import ServiceKit

/// Field checks that answer a 400 naming the field.
enum Validate {
    static func text(_ value: String, _ field: String, max: Int, required: Bool = true) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw APIError.invalid(field, "is required") }
        guard trimmed.count <= max else { throw APIError.invalid(field, "must be at most \(max) characters") }
        return trimmed
    }

    static func optionalText(_ value: String?, _ field: String, max: Int) throws -> String? {
        guard let value else { return nil }
        let trimmed = try text(value, field, max: max, required: false)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A mainland mobile number or a landline with area code.
    static func phone(_ value: String, _ field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.range(of: #"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$"#, options: .regularExpression) != nil else {
            throw APIError.invalid(field, "must be a mobile number (11 digits) or a landline with area code")
        }
        return trimmed
    }

    static func email(_ value: String, _ field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 254,
            trimmed.range(of: #"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"#, options: .regularExpression) != nil
        else { throw APIError.invalid(field, "must be an email address") }
        return trimmed
    }

    /// An 18-character resident ID number (GB 11643-1999) with its check character.
    static func idNumber(_ value: String, _ field: String) throws -> String {
        let upper = value.trimmingCharacters(in: .whitespaces).uppercased()
        let characters = Array(upper)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let checks = Array("10X98765432")
        guard characters.count == 18, characters[0..<17].allSatisfy(\.isASCIIDigitCharacter) else {
            throw APIError.invalid(field, "must be an 18-character resident ID number")
        }
        let sum = zip(characters[0..<17], weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 0) * $1.1 }
        guard checks[sum % 11] == characters[17] else {
            throw APIError.invalid(field, "has a wrong check character")
        }
        return upper
    }

    /// A GB/T 2260 code or a local zone code: six digits or capital letters.
    static func region(_ value: String, _ field: String) throws -> String {
        guard value.range(of: #"^[0-9A-Z]{6}$"#, options: .regularExpression) != nil else {
            throw APIError.invalid(field, "must be a six-character region code")
        }
        return value
    }

    /// An amount in 万元: not negative, at most 4 decimals (one yuan), below 100 billion 万元.
    static func amount(_ value: Decimal, _ field: String) throws -> Decimal {
        guard value >= 0, value < 100_000_000_000 else { throw APIError.invalid(field, "must be between 0 and 100000000000 (万元)") }
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 4, .plain)
        guard rounded == value else { throw APIError.invalid(field, "must have at most 4 decimals (万元)") }
        return value
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
