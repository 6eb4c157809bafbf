import Foundation

/// Finds the member holding a number no numeric type can take (an integer beyond 64 bits, or one
/// that overflows a double), which Foundation's decoder reports only as "not valid JSON".
enum OversizedNumber {
    /// A constant pattern; should it ever fail to compile, no field is named and the generic 400 stands.
    private static let member: NSRegularExpression? = try? NSRegularExpression(
        pattern: #""((?:[^"\\]|\\.)*)"\s*:\s*\[?\s*(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"#)

    /// The name of the first member whose number is too large, or nil.
    static func field(in body: Data) -> String? {
        guard let member, let text = String(data: body, encoding: .utf8) else { return nil }
        let whole = NSRange(text.startIndex..., in: text)
        for match in member.matches(in: text, range: whole) {
            guard let nameRange = Range(match.range(at: 1), in: text), let numberRange = Range(match.range(at: 2), in: text)
            else { continue }
            if tooLarge(String(text[numberRange])) { return String(text[nameRange]) }
        }
        return nil
    }

    static func tooLarge(_ number: String) -> Bool {
        let isInteger = !number.contains(where: { ".eE".contains($0) })
        if isInteger { return Int64(number) == nil }
        guard let value = Double(number) else { return true }
        return !value.isFinite
    }
}
