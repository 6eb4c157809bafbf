import Foundation
import PersonalData

/// Removes personal data from free text before it goes public. Names are masked like
/// `Mask.personName` (王建华 → 王**): the people named on the item, every person the service knows
/// (officials, form contacts and helpers, reply handlers), and unknown names that a title or a role
/// gives away (see `PersonNameFinder`). Anything shaped like an ID number, a phone or an email is
/// masked too.
struct TextRedactor {
    /// A set of names and the lengths they come in (longest first), built once for many texts.
    struct Names: Sendable {
        let names: Set<String>
        /// For each first character, the lengths of the names starting with it, longest first.
        let lengths: [Character: [Int]]

        init(_ names: some Sequence<String>) {
            self.names = Set(names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0.count >= 2 })
            var lengths: [Character: Set<Int>] = [:]
            for name in self.names { lengths[name.first!, default: []].insert(name.count) }
            self.lengths = lengths.mapValues { $0.sorted(by: >) }
        }

        static let none = Names([String]())
    }

    let own: Names
    let known: Names

    /// `names`: the people named on the item; `known`: every person the service knows.
    init(names: some Sequence<String>, known: Names = .none) {
        self.own = Names(names)
        self.known = known
    }

    func redact(_ text: String) -> String {
        let characters = Array(text)
        var hidden = Array(repeating: false, count: characters.count)
        for range in knownNames(in: characters) + PersonNameFinder.names(in: characters) {
            for index in range.dropFirst() { hidden[index] = true }
        }
        var result = String(characters.indices.map { hidden[$0] ? "*" : characters[$0] })
        // Each pattern needs a digit or an @ (and compiles anew on every call): most texts have neither.
        if result.utf8.contains(where: { (0x30...0x39).contains($0) }) {
            result = replace(#"[0-9]{17}[0-9Xx]"#, in: result) { Mask.idNumber($0) }
            result = replace(#"1[3-9][0-9]{9}"#, in: result) { Mask.phone($0) }
            result = replace(#"0[0-9]{2,3}-?[0-9]{7,8}"#, in: result) { _ in "****" }
        }
        if result.utf8.contains(UInt8(ascii: "@")) {
            result = replace(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: result) { Mask.email($0) }
        }
        return result
    }

    /// Every occurrence of a name of `own` or `known`, longest first at each position.
    private func knownNames(in characters: [Character]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for names in [own, known] where !names.names.isEmpty {
            for start in characters.indices {
                for length in names.lengths[characters[start]] ?? [] where start + length <= characters.count {
                    if names.names.contains(String(characters[start..<start + length])) {
                        found.append(start..<start + length)
                        break
                    }
                }
            }
        }
        return found
    }

    private func replace(_ pattern: String, in text: String, with transform: (String) -> String) -> String {
        var output = ""
        var rest = text[...]
        while let range = rest.range(of: pattern, options: .regularExpression) {
            output += rest[..<range.lowerBound]
            output += transform(String(rest[range]))
            rest = rest[range.upperBound...]
        }
        return output + rest
    }
}
