import Foundation

/// Resident ID numbers (GB 11643-1999): 17 digits (region, birth date, sequence) and a check
/// character computed with the ISO 7064 MOD 11-2 weights.
public enum IDNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    /// The normalized number (upper-case X) when it is well formed with a correct check character
    /// and a real birth date; nil otherwise.
    public static func validate(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).uppercased()
        let characters = Array(value)
        guard characters.count == 18, characters.prefix(17).allSatisfy(\.isASCIIDigit) else { return nil }
        guard let check = checkCharacter(for: String(characters.prefix(17))), check == characters[17] else { return nil }
        guard hasValidBirthDate(String(characters[6..<14])) else { return nil }
        return value
    }

    /// The check character for the first 17 digits.
    public static func checkCharacter(for body: String) -> Character? {
        let digits = body.compactMap(\.wholeNumberValue)
        guard digits.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    static func hasValidBirthDate(_ yyyymmdd: String) -> Bool {
        guard let year = Int(yyyymmdd.prefix(4)), let month = Int(yyyymmdd.dropFirst(4).prefix(2)),
            let day = Int(yyyymmdd.suffix(2)), (1900...2100).contains(year)
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }
}

extension Character {
    /// 0–9 only (not other scripts' digits).
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
