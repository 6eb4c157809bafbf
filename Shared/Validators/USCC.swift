/// Unified Social Credit Codes (GB 32100-2015): 17 characters from a 31-character alphabet
/// (no I, O, Z, S, V) and a check character, MOD 31 with fixed weights.
public enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The normalized code (upper case) when its check character is right; nil otherwise.
    public static func validate(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).uppercased()
        let characters = Array(value)
        guard characters.count == 18, let check = checkCharacter(for: String(characters.prefix(17))),
            check == characters[17]
        else { return nil }
        return value
    }

    /// The check character for the first 17 characters, or nil when one is outside the alphabet.
    public static func checkCharacter(for body: String) -> Character? {
        let values = body.map { alphabet.firstIndex(of: $0) }
        guard values.count == 17, values.allSatisfy({ $0 != nil }) else { return nil }
        let sum = zip(values.compactMap { $0 }, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// Characters 3–8 of a code: the GB/T 2260 division code of the registering authority (`100000`
    /// for the central authorities); nil when they are not six digits.
    public static func divisionCode(of code: String) -> String? {
        let characters = Array(code)
        guard characters.count == 18 else { return nil }
        let division = String(characters[2..<8])
        return division.allSatisfy(\.isASCII) && division.allSatisfy(\.isNumber) ? division : nil
    }

    /// Whether a code's registering authority may have registered an enterprise of `region` (a
    /// GB/T 2260 code or a local statistical code under it): an authority of the same province
    /// (the first two digits), or a central one.
    public static func registeringAuthority(of code: String, mayServe region: String) -> Bool {
        guard let division = divisionCode(of: code), region.count == 6 else { return false }
        return division == "100000" || division.prefix(2) == region.prefix(2)
    }
}
