/// Reads and writes PostgreSQL's text form of one-dimensional arrays, e.g. `{a,"b c",NULL}`.
enum PostgresArrayLiteral {
    /// Writes an array literal; every non-NULL element is double-quoted with `\` and `"` escaped.
    static func encode(_ elements: [String?]) -> String {
        // Built as UTF-8 bytes: batch statements bind arrays of thousands of elements, and appending
        // scalar by scalar to a String cost more than the rest of the statement's encoding.
        var out: [UInt8] = []
        out.reserveCapacity(2 + elements.reduce(0) { $0 + ($1?.utf8.count ?? 4) + 3 })
        out.append(UInt8(ascii: "{"))
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let element else {
                out.append(contentsOf: "NULL".utf8)
                continue
            }
            out.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a one-dimensional array literal; `nil` for malformed or multi-dimensional input.
    /// Unquoted `NULL` (any case) is SQL NULL; a quoted "NULL" is the string.
    static func parse(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        // Optional dimension decoration when the lower bound is not 1: "[0:2]={...}".
        if scalars.first == "[" {
            guard let equals = scalars.firstIndex(of: "=") else { return nil }
            scalars = scalars[scalars.index(after: equals)...]
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var elements: [String?] = []
        if scalars.allSatisfy({ $0 == " " }) { return elements }

        var iterator = scalars.makeIterator()
        var current = String.UnicodeScalarView()
        var quoted = false
        var sawQuotes = false
        var afterQuote = false
        while true {
            guard let scalar = iterator.next() else { break }
            if quoted {
                switch scalar {
                case "\\":
                    guard let escaped = iterator.next() else { return nil }
                    current.append(escaped)
                case "\"":
                    quoted = false
                    afterQuote = true
                default:
                    current.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard current.isEmpty, !sawQuotes else { return nil }
                quoted = true
                sawQuotes = true
            case ",":
                elements.append(finish(current, wasQuoted: sawQuotes))
                current = String.UnicodeScalarView()
                sawQuotes = false
                afterQuote = false
            case "{", "}":
                return nil  // nested: multi-dimensional arrays are not supported
            case "\\":
                guard let escaped = iterator.next() else { return nil }
                current.append(escaped)
            case " " where current.isEmpty || afterQuote:
                continue
            default:
                guard !afterQuote else { return nil }
                current.append(scalar)
            }
        }
        guard !quoted else { return nil }
        elements.append(finish(current, wasQuoted: sawQuotes))
        return elements
    }

    private static func finish(_ scalars: String.UnicodeScalarView, wasQuoted: Bool) -> String? {
        var text = String(scalars)
        if !wasQuoted {
            while text.last == " " { text.removeLast() }
            if text.uppercased() == "NULL" { return nil }
        }
        return text
    }
}
