/// Finds likely personal names in free text that no record names: a common surname and one or two
/// more characters, right before a title (王建华经理) or right after a role (联系人：王建华). A surname
/// directly followed by a title (张经理) is a form of address showing no more than a masked name
/// would (张**), so it is left as it is.
enum PersonNameFinder {
    /// The character ranges of the names found (possibly overlapping).
    static func names(in text: [Character]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for index in text.indices {
            if ChineseNames.titlesAfter.contains(where: { text.hasWord($0, at: index) }), let name = nameBefore(index, in: text) {
                found.append(name)
            }
            if let role = ChineseNames.rolesBefore.first(where: { text.hasWord($0, at: index) }),
                let name = nameAfter(index + role.count, in: text) {
                found.append(name)
            }
        }
        return found
    }

    /// The longest surname + given name ending right before `end`.
    private static func nameBefore(_ end: Int, in text: [Character]) -> Range<Int>? {
        var best: Range<Int>?
        for given in 1...2 {
            for surname in 1...2 {
                let start = end - given - surname
                guard start >= 0, isSurname(text[start..<start + surname]), !startsInsideWord(start, in: text),
                    text[(start + surname)..<end].allSatisfy(isGivenNameCharacter)
                else { continue }
                if best.map({ start < $0.lowerBound }) ?? true { best = start..<end }
            }
        }
        return best
    }

    /// A surname + one or two given-name characters starting at `start` (after separators).
    private static func nameAfter(_ start: Int, in text: [Character]) -> Range<Int>? {
        var position = start
        while position < text.count, position < start + 2, ChineseNames.separators.contains(text[position]) { position += 1 }
        let surname: Int
        if position + 2 <= text.count, isSurname(text[position..<position + 2]) {
            surname = 2
        } else if position < text.count, isSurname(text[position..<position + 1]) {
            surname = 1
        } else {
            return nil
        }
        var end = position + surname
        while end < text.count, end < position + surname + 2, isGivenNameCharacter(text[end]) { end += 1 }
        return end > position + surname ? position..<end : nil
    }

    private static func isSurname(_ characters: ArraySlice<Character>) -> Bool {
        characters.count == 1
            ? ChineseNames.surnames.contains(characters.first!) : ChineseNames.compoundSurnames.contains(String(characters))
    }

    private static func startsInsideWord(_ start: Int, in text: [Character]) -> Bool {
        start > 0 && ChineseNames.wordsEndingInSurname.contains(String(text[(start - 1)...start]))
    }

    static func isGivenNameCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
            (0x4E00...0x9FFF).contains(scalar.value)
        else { return false }
        return !ChineseNames.notInGivenNames.contains(character)
    }
}

extension Array where Element == Character {
    func hasWord(_ word: String, at index: Int) -> Bool {
        var position = index
        for character in word {
            guard position < count, self[position] == character else { return false }
            position += 1
        }
        return true
    }
}
