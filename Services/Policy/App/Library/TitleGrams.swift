/// The keyword index of a title: its characters and pairs of neighbouring characters, lower-cased
/// (whitespace never part of one). A keyword's grams are contained in a title's exactly when the
/// title may contain the keyword, so `title_grams @> keyword grams` narrows by the GIN index and a
/// LIKE on the title alone confirms (a keyword never matches across into another field).
enum TitleGrams {
    static func of(_ title: String) -> [String] {
        let characters = Array(title.lowercased())
        var grams: Set<String> = []
        for (index, character) in characters.enumerated() where !character.isWhitespace {
            grams.insert(String(character))
            if index + 1 < characters.count, !characters[index + 1].isWhitespace {
                grams.insert(String([character, characters[index + 1]]))
            }
        }
        return grams.sorted()
    }

    /// The grams a title must contain to hold `term` (one character: itself; longer: its pairs).
    static func required(_ term: String) -> [String] {
        let characters = Array(term.lowercased())
        guard characters.count > 1 else { return characters.map { String($0) } }
        return Set((0..<(characters.count - 1)).map { String([characters[$0], characters[$0 + 1]]) }).sorted()
    }
}
