/// A message text with named placeholders: `{enterpriseName}`, `{serial}`, `{dueAt}`, `{link}`.
struct Template: Sendable, Equatable {
    let body: String

    /// The placeholder names in order of first appearance.
    var placeholders: [String] {
        var names: [String] = []
        for segment in segments {
            if case .placeholder(let name) = segment, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The text with each placeholder replaced; a placeholder without a value stays as `{name}`.
    func render(_ values: [String: String]) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .placeholder(let name): values[name] ?? "{\(name)}"
            }
        }.joined()
    }

    enum Segment: Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// `{name}` where name is a letter followed by letters, digits, `_` or `.`; any other brace is text.
    var segments: [Segment] {
        var result: [Segment] = []
        var literal = ""
        var index = body.startIndex
        while index < body.endIndex {
            if body[index] == "{", let close = body[index...].firstIndex(of: "}") {
                let name = body[body.index(after: index)..<close]
                if Self.isName(name) {
                    if !literal.isEmpty { result.append(.literal(literal)) }
                    literal = ""
                    result.append(.placeholder(String(name)))
                    index = body.index(after: close)
                    continue
                }
            }
            literal.append(body[index])
            index = body.index(after: index)
        }
        if !literal.isEmpty { result.append(.literal(literal)) }
        return result
    }

    static func isName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
    }
}
