import Foundation

/// The list's index keys (`search_keys`, GIN): the title's characters and pairs of neighbouring
/// characters, lower-cased (whitespace never part of one), and one key per filter value. A
/// keyword's grams are contained in a title's whenever the title contains the keyword, so
/// `search_keys @> grams + filter keys` narrows by the index and a LIKE on the title alone
/// confirms (a keyword never matches across into another field).
enum TitleGrams {
    static func keys(_ content: PolicyContent, agencyID: UUID) -> [String] {
        of(content.title) + facets(region: content.region, agencyID: agencyID, policyType: content.policyType,
                                   subsidyType: content.subsidyType, tags: content.tags)
    }

    /// Filter keys; each is longer than two characters, so none equals a title gram.
    static func facets(region: String?, agencyID: UUID?, policyType: String?, subsidyType: String?, tags: [String]) -> [String] {
        var keys: [String] = []
        if let region { keys.append("r:" + region) }
        if let agencyID { keys.append("a:" + agencyID.uuidString.lowercased()) }
        if let policyType { keys.append("t:" + policyType) }
        if let subsidyType { keys.append("s:" + subsidyType) }
        keys += tags.map { "g:" + $0 }
        return keys
    }

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
