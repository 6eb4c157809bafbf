import Foundation

/// A forward-only reader of an event body's JSON for consumers whose throughput hangs on decoding:
/// in the statistics ingest Foundation's `JSONDecoder` (its keyed containers hash every key of every
/// object) was a third of the consumer's CPU.
///
/// It reads only what it is sure of. Anything it does not expect — a repeated key, a number where a
/// string belongs, a lone surrogate, malformed JSON anywhere — makes `read` answer
/// nil, and the caller decodes with `EventJSON` (Codable), which decides. So a body it accepts is one
/// Codable accepts too, read to the same values (the callers' tests compare the two).
public struct EventBodyReader {
    /// An object member's name, matched against literals (`case "title":`).
    public struct Key {
        fileprivate let bytes: UnsafeRawBufferPointer

        public static func ~= (name: StaticString, key: Key) -> Bool {
            name.utf8CodeUnitCount == key.bytes.count
                && memcmp(name.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0
        }
    }

    /// Thrown by a reading that meets what it does not expect; `read` answers nil.
    public struct Decline: Error {
        public init() {}
    }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// `body`'s reading of the whole of `data`, or nil where the reader declines.
    public static func read<T>(_ data: Data, _ body: (inout EventBodyReader) throws -> T) -> T? {
        data.withUnsafeBytes { buffer -> T? in
            guard buffer.count > 0 else { return nil }
            var reader = EventBodyReader(buffer)
            guard let value = try? body(&reader) else { return nil }
            reader.skipWhitespace()
            return reader.position == buffer.count ? value : nil
        }
    }

    /// Reads an object, handing each member's name to `member`, which must read or skip its value.
    public mutating func object(_ member: (Key, inout EventBodyReader) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        var seen: [UnsafeRawBufferPointer] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            let name = try rawString()
            // Codable keeps one of a repeated key's values; which one is not worth matching.
            guard !seen.contains(where: { $0.count == name.count && memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 })
            else { throw Decline() }
            seen.append(name)
            try expect(UInt8(ascii: ":"))
            try member(Key(bytes: name), &self)
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw Decline()
            }
        }
    }

    public mutating func string() throws -> String {
        let start = position
        if let plain = try? rawString(), let text = Self.utf8String(plain) { return text }
        position = start
        return try escapedString()
    }

    public mutating func optionalString() throws -> String? {
        try readNull() ? nil : try string()
    }

    public mutating func bool() throws -> Bool {
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw Decline()
    }

    public mutating func optionalBool() throws -> Bool? {
        try readNull() ? nil : try bool()
    }

    /// A UUID in its 8-4-4-4-12 hexadecimal form, either case (as `UUID(uuidString:)` reads it).
    public mutating func uuid() throws -> UUID {
        guard let uuid = Self.uuid(try rawString()) else { throw Decline() }
        return uuid
    }

    /// `text` as a UUID in its 8-4-4-4-12 hexadecimal form, either case; nil for anything else.
    /// Read byte by byte: `UUID(uuidString:)` goes through sscanf.
    static func uuid(_ text: UnsafeRawBufferPointer) -> UUID? {
        guard text.count == 36 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &uuid) { out -> Bool in
            var at = 0
            for index in 0..<16 {
                if at == 8 || at == 13 || at == 18 || at == 23 {
                    guard text[at] == UInt8(ascii: "-") else { return false }
                    at += 1
                }
                guard let high = hexValue(text[at]), let low = hexValue(text[at + 1]) else { return false }
                out[index] = high << 4 | low
                at += 2
            }
            return true
        }
        return parsed ? UUID(uuid: uuid) : nil
    }

    public mutating func optionalUUID() throws -> UUID? {
        try readNull() ? nil : try uuid()
    }

    /// An RFC 3339 timestamp, read as `EventJSON` reads dates.
    public mutating func date() throws -> Date {
        guard let date = EventTime.parse(try string()) else { throw Decline() }
        return date
    }

    public mutating func optionalDate() throws -> Date? {
        try readNull() ? nil : try date()
    }

    /// Skips any one JSON value, checking its form.
    public mutating func skip() throws {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "{"):
            try object { _, reader in try reader.skip() }
        case UInt8(ascii: "["):
            position += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                try skip()
                skipWhitespace()
                switch next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): return
                default: throw Decline()
                }
            }
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try bool()
        case UInt8(ascii: "n"):
            guard try readNull() else { throw Decline() }
        default:
            try skipNumber()
        }
    }

    // MARK: - Bytes

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func next() -> UInt8? {
        defer { position += 1 }
        return peek()
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard next() == byte else { throw Decline() }
    }

    private mutating func literal(_ word: StaticString) throws -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count, memcmp(word.utf8Start, bytes.baseAddress! + position, count) == 0 else { return false }
        position += count
        return true
    }

    private mutating func readNull() throws -> Bool {
        try literal("null")
    }

    /// A string's bytes between its quotes, when it has no escape (the keys and the common case).
    private mutating func rawString() throws -> UnsafeRawBufferPointer {
        try expect(UInt8(ascii: "\""))
        let start = position
        while let byte = next() {
            if byte == UInt8(ascii: "\"") { return UnsafeRawBufferPointer(rebasing: bytes[start..<position - 1]) }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { throw Decline() }
        }
        throw Decline()
    }

    private mutating func skipString() throws {
        _ = try escapedString()
    }

    /// A string with its escapes undone, as JSON has them (a lone surrogate declines).
    private mutating func escapedString() throws -> String {
        try expect(UInt8(ascii: "\""))
        var text: [UInt8] = []
        while let byte = next() {
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = text.withUnsafeBytes(Self.utf8String) else { throw Decline() }
                return string
            case UInt8(ascii: "\\"):
                switch next() {
                case UInt8(ascii: "\""): text.append(0x22)
                case UInt8(ascii: "\\"): text.append(0x5C)
                case UInt8(ascii: "/"): text.append(0x2F)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hexQuad()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else { throw Decline() }
                        let low = try hexQuad()
                        guard (0xDC00..<0xE000).contains(low) else { throw Decline() }
                        scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Decline() }
                    text.append(contentsOf: UTF8.encode(unicode)!)
                default: throw Decline()
                }
            case 0..<0x20:
                throw Decline()
            default:
                text.append(byte)
            }
        }
        throw Decline()
    }

    private mutating func hexQuad() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = next(), let digit = Self.hexValue(byte) else { throw Decline() }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func skipNumber() throws {
        func digits() throws {
            guard let byte = peek(), (0x30...0x39).contains(byte) else { throw Decline() }
            while let byte = peek(), (0x30...0x39).contains(byte) { position += 1 }
        }
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") { position += 1 } else { try digits() }
        if peek() == UInt8(ascii: ".") {
            position += 1
            try digits()
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
    }

    /// The bytes as a string when they are valid UTF-8, else nil. `String(decoding:)` replaces invalid
    /// bytes, so its result has the same bytes only when there were none; `String(validating:)` says the
    /// same but looks up generic metadata on every call.
    static func utf8String(_ bytes: UnsafeRawBufferPointer) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
