import Foundation
import Hummingbird

/// A decimal figure as the API carries it: a string in plain notation (`"1234.5"`, `"-3.25"`), at most
/// 14 digits before the point and 4 after; never a binary floating-point number.
struct Amount: Codable, Sendable, Hashable, CustomStringConvertible {
    static let pattern = #"^-?[0-9]{1,14}(\.[0-9]{1,4})?$"#
    let value: Decimal

    init(_ value: Decimal) { self.value = value }

    init?(text: String) {
        guard text.range(of: Self.pattern, options: .regularExpression) != nil,
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "a decimal string"))
        }
        guard let amount = Amount(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal")
        }
        self = amount
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    var description: String { Self.text(value) }

    /// `value` in plain notation.
    static func text(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 4, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// `value` rounded to 2 places for messages.
    static func percent(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
