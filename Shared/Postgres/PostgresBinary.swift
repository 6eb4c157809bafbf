import Foundation

/// PostgreSQL's binary format for the parameters that batch statements bind by the thousand:
/// one-dimensional arrays of UUIDs, texts, timestamps, booleans and integers. The server reads them
/// without parsing (a third of a 500-row `INSERT … SELECT FROM unnest(…)`'s time was `array_in`).
enum PostgresBinary {
    /// `array_recv`'s input: dimensions, flags, element type, then each element's length and bytes;
    /// nil when an element has no binary form (the array then travels as text).
    static func array<Element: PostgresEncodable>(_ elements: [Element]) -> [UInt8]? {
        let elementType = Element.postgresDataType
        guard elementType != .unknown else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20 + elements.count * 24)
        append(Int32(elements.isEmpty ? 0 : 1), to: &bytes)  // dimensions
        append(Int32(0), to: &bytes)  // flags (the server finds the NULLs itself)
        append(UInt32(elementType.rawValue), to: &bytes)
        if !elements.isEmpty {
            append(Int32(elements.count), to: &bytes)
            append(Int32(1), to: &bytes)  // lower bound
        }
        for element in elements {
            guard element.appendPostgresBinaryElement(to: &bytes) else { return nil }
        }
        return bytes
    }

    static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// An element: its length, then its bytes.
    static func appendElement<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        append(Int32(MemoryLayout<Integer>.size), to: &bytes)
        append(value, to: &bytes)
    }

    /// Microseconds since 2000-01-01 UTC, rounded as the text form is; out of range is ±infinity.
    static func timestamp(_ date: Date) -> Int64 {
        let scaled = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9.0e18 else { return scaled < 0 ? .min : .max }
        return Int64(scaled) - 946_684_800_000_000
    }
}

extension UUID {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.append(Int32(16), to: &bytes)
        withUnsafeBytes(of: uuid) { bytes.append(contentsOf: $0) }
        return true
    }
}

extension String {
    /// A text containing NUL has no PostgreSQL form: its array goes as text, which reports it.
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        let utf8 = self.utf8
        guard !utf8.contains(0) else { return false }
        PostgresBinary.append(Int32(utf8.count), to: &bytes)
        bytes.append(contentsOf: utf8)
        return true
    }
}

extension Bool {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.append(Int32(1), to: &bytes)
        bytes.append(self ? 1 : 0)
        return true
    }
}

extension Date {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.appendElement(PostgresBinary.timestamp(self), to: &bytes)
        return true
    }
}

extension Int {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.appendElement(Int64(self), to: &bytes)
        return true
    }
}

extension Int64 {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.appendElement(self, to: &bytes)
        return true
    }
}

extension Int32 {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.appendElement(self, to: &bytes)
        return true
    }
}

extension Int16 {
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        PostgresBinary.appendElement(self, to: &bytes)
        return true
    }
}
