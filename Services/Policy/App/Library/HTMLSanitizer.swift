import Foundation

/// Rich text reduced to a safe allow-list: known formatting tags with a few attributes, links and
/// images only to http(s) (links also mailto), everything else dropped. Script-like elements lose
/// their content too; other unknown tags lose only the tag. Text keeps its entities; stray `<` and
/// `>` become entities.
enum HTMLSanitizer {
    static let allowed: [String: Set<String>] = [
        "p": [], "br": [], "strong": [], "b": [], "em": [], "i": [], "u": [], "s": [], "sub": [], "sup": [],
        "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [], "blockquote": [], "pre": [], "code": [],
        "ul": [], "ol": [], "li": [], "span": [], "div": [], "hr": [],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": ["colspan", "rowspan"], "td": ["colspan", "rowspan"],
        "a": ["href", "title"], "img": ["src", "alt", "width", "height"],
    ]
    static let void: Set<String> = ["br", "hr", "img"]
    /// Elements whose content is dropped with them.
    static let dropped: Set<String> = ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "select"]

    static func sanitize(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += escapeText(rest[..<open])
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return out }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = tagEnd(rest) else {
                out += escapeText(rest)
                return out
            }
            let inner = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            guard let tag = Tag(inner) else {
                out += escapeText("<" + inner + ">")
                continue
            }
            if dropped.contains(tag.name) {
                if !tag.closing, !tag.selfClosing { rest = skip(element: tag.name, in: rest) }
                continue
            }
            guard let attributes = allowed[tag.name] else { continue }
            if tag.closing {
                if !void.contains(tag.name) { out += "</\(tag.name)>" }
                continue
            }
            out += "<" + tag.name
            for (name, value) in tag.attributes where attributes.contains(name) {
                guard let safe = safeValue(value, attribute: name) else { continue }
                out += " \(name)=\"\(safe)\""
            }
            out += ">"
        }
        out += escapeText(rest)
        return out
    }

    /// The `>` that ends the tag starting at `text` (quotes respected).
    private static func tagEnd(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// What follows the matching `</name>` (or nothing, when it never closes).
    private static func skip(element name: String, in text: Substring) -> Substring {
        guard let end = text.range(of: "</\(name)", options: .caseInsensitive) else { return "" }
        let after = text[end.upperBound...]
        guard let close = after.firstIndex(of: ">") else { return "" }
        return after[after.index(after: close)...]
    }

    private static func safeValue(_ value: String, attribute: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        if attribute == "href" || attribute == "src" {
            let lower = trimmed.lowercased()
            let schemes = attribute == "href" ? ["http://", "https://", "mailto:"] : ["http://", "https://"]
            guard schemes.contains(where: { lower.hasPrefix($0) }) else { return nil }
        }
        if ["colspan", "rowspan", "width", "height"].contains(attribute) {
            guard !trimmed.isEmpty, trimmed.count <= 4, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) else { return nil }
        }
        return trimmed.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func escapeText(_ text: Substring) -> String {
        text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// One parsed tag: `<name a="b">`, `</name>` or `<name/>`.
    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [(String, String)]

        init?(_ inner: Substring) {
            var text = inner
            closing = text.hasPrefix("/")
            if closing { text = text.dropFirst() }
            selfClosing = text.hasSuffix("/")
            if selfClosing { text = text.dropLast() }
            let nameEnd = text.firstIndex { !($0.isLetter || $0.isNumber) } ?? text.endIndex
            guard nameEnd > text.startIndex, text.first?.isLetter == true else { return nil }
            name = text[..<nameEnd].lowercased()
            attributes = Self.attributes(text[nameEnd...])
        }

        /// `name="v"`, `name='v'`, `name=v` or a bare `name`, names lower-cased.
        static func attributes(_ text: Substring) -> [(String, String)] {
            var result: [(String, String)] = []
            var rest = text
            while true {
                rest = rest.drop { $0.isWhitespace || $0 == "/" }
                guard !rest.isEmpty else { return result }
                let nameEnd = rest.firstIndex { $0.isWhitespace || $0 == "=" || $0 == "/" } ?? rest.endIndex
                let name = rest[..<nameEnd].lowercased()
                rest = rest[nameEnd...].drop { $0.isWhitespace }
                guard rest.first == "=" else {
                    if !name.isEmpty { result.append((name, "")) }
                    continue
                }
                rest = rest.dropFirst().drop { $0.isWhitespace }
                var value: Substring
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    let body = rest.dropFirst()
                    let end = body.firstIndex(of: quote) ?? body.endIndex
                    value = body[..<end]
                    rest = end < body.endIndex ? body[body.index(after: end)...] : ""
                } else {
                    let end = rest.firstIndex { $0.isWhitespace } ?? rest.endIndex
                    value = rest[..<end]
                    rest = rest[end...]
                }
                if !name.isEmpty { result.append((name, String(value))) }
            }
        }
    }
}
