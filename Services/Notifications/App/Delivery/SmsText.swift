/// SMS length as providers bill it: up to 70 characters is one message; a longer text is sent in
/// parts of 67 (the rest of each part carries the concatenation header). Characters are UTF-16
/// code units, so a CJK character counts one and an emoji two.
enum SmsText {
    static let singleLimit = 70
    static let partLimit = 67

    static func length(_ text: String) -> Int { text.utf16.count }

    static func partCount(_ text: String) -> Int {
        let length = length(text)
        if length <= singleLimit { return 1 }
        return (length + partLimit - 1) / partLimit
    }

    /// The parts as a long message is split, never inside a character.
    static func parts(_ text: String) -> [String] {
        guard length(text) > singleLimit else { return [text] }
        var parts: [String] = []
        var current = ""
        var units = 0
        for character in text {
            let size = String(character).utf16.count
            if units + size > partLimit {
                parts.append(current)
                current = ""
                units = 0
            }
            current.append(character)
            units += size
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
