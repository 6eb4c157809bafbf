import Foundation
import ServiceKit

/// The field checks only appeals has; the common ones (text, phone, e-mail, ID number) are ServiceKit's.
extension Validate {
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
