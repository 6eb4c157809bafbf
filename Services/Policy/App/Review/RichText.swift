import Foundation

/// Rich text kept to a safe allow-list: structural tags (`p`, `br`, `strong`, `em`, `b`, `i`, `u`, `ul`,
/// `ol`, `li`, `h2`–`h4`, `blockquote`) stripped of every attribute; other tags are dropped, with the
/// content of `script`, `style` and similar elements; text is escaped (`<`, `>`, `&`, `"`). So no
/// script, event handler (`onerror=`), style or link ever comes back.
enum RichText {
    static let allowedTags: Set<String> = ["p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote"]
    static let droppedElements: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"]

    static func sanitize(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        var dropping: String?
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let next = rest[afterOpen...].first, next.isLetter || next == "/" || next == "!" else {
                // A lone `<` (as in "a < b") is text.
                if dropping == nil { output += escape(rest[rest.startIndex..<afterOpen]) }
                rest = rest[afterOpen...]
                continue
            }
            if dropping == nil { output += escape(rest[rest.startIndex..<open]) }
            guard let close = rest[open...].firstIndex(of: ">") else {
                if dropping == nil { output += escape(rest[open...]) }
                return output
            }
            let inside = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let (name, closing) = tag(inside)
            if let element = dropping {
                if closing && name == element { dropping = nil }
                continue
            }
            if droppedElements.contains(name) {
                if !closing && !inside.hasSuffix("/") { dropping = name }
            } else if allowedTags.contains(name) {
                output += name == "br" ? "<br>" : (closing ? "</\(name)>" : "<\(name)>")
            }
        }
        if dropping == nil { output += escape(rest) }
        return output
    }

    /// The tag's lowercased name and whether it closes.
    private static func tag(_ inside: Substring) -> (String, Bool) {
        let closing = inside.hasPrefix("/")
        let name = String(inside.dropFirst(closing ? 1 : 0).prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }).lowercased()
        return (name, closing)
    }

    static func escape(_ text: Substring) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
