import Foundation

extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .text }

    public func postgresText() -> String? { self }

    /// Accepts any column type and returns the server's text form (useful for enum types,
    /// whose OIDs are not fixed).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        self = text
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .bool }

    public func postgresText() -> String? { self ? "true" : "false" }

    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        switch (type, text) {
        case (.bool, "t"), (.unknown, "t"), (.unknown, "true"): self = true
        case (.bool, "f"), (.unknown, "f"), (.unknown, "false"): self = false
        default: throw Self.mismatch(type)
        }
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .uuid }

    /// The lowercase 8-4-4-4-12 form, written straight from the bytes (`uuidString.lowercased()`
    /// showed in profiles of the event consumer).
    public func postgresText() -> String? {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var count = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    text[count] = PostgresBytea.digits[Int(byte >> 4)]
                    text[count + 1] = PostgresBytea.digits[Int(byte & 0x0f)]
                    count += 2
                }
                return count
            }
        }
    }

    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type == .uuid || type.isTextual, let uuid = UUID.parseCanonical(text) ?? UUID(uuidString: text) else {
            throw Self.mismatch(type)
        }
        self = uuid
    }

    /// The 8-4-4-4-12 form in either case, read byte by byte (`UUID(uuidString:)` goes through sscanf);
    /// nil for anything else.
    static func parseCanonical(_ text: String) -> UUID? {
        text.utf8.withContiguousStorageIfAvailable { chars -> UUID? in
            guard chars.count == 36 else { return nil }
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &uuid) { bytes in
                var index = 0
                for position in 0..<16 {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        guard chars[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = PostgresBytea.nibble(chars[index]), let low = PostgresBytea.nibble(chars[index + 1]) else { return false }
                    bytes[position] = high << 4 | low
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: uuid) : nil
        } ?? nil
    }
}

/// Integers decode from int2, int4, int8 and integral numeric values, with range checks.
protocol PostgresInteger: FixedWidthInteger, PostgresEncodable, PostgresDecodable {}

extension PostgresInteger {
    public func postgresText() -> String? { String(self) }

    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type.isInteger || type == .numeric || type == .unknown, let value = Self(text) else {
            throw Self.mismatch(type)
        }
        self = value
    }
}

extension Int: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int64: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int32: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int4 }
}

extension Int16: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int2 }
}

/// A single byte binds as int2; `[UInt8]` as a whole is bytea.
extension UInt8: PostgresInteger {
    public static var postgresDataType: PostgresDataType { .int2 }
}

/// Floating point decodes from float4, float8, numeric and integers; NaN and ±Infinity round-trip.
protocol PostgresFloatingPoint: BinaryFloatingPoint, LosslessStringConvertible, PostgresEncodable,
    PostgresDecodable
{}

extension PostgresFloatingPoint {
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }

    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type == .float4 || type == .float8 || type == .numeric || type.isInteger || type == .unknown,
            let value = Self(text)
        else { throw Self.mismatch(type) }
        self = value
    }
}

extension Double: PostgresFloatingPoint {
    public static var postgresDataType: PostgresDataType { .float8 }
}

extension Float: PostgresFloatingPoint {
    public static var postgresDataType: PostgresDataType { .float4 }
}

extension Decimal: PostgresEncodable, PostgresDecodable {
    private static let posix = Locale(identifier: "en_US_POSIX")

    public static var postgresDataType: PostgresDataType { .numeric }

    public func postgresText() -> String? { isNaN ? "NaN" : description }

    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type == .numeric || type.isInteger || type == .float4 || type == .float8 || type == .unknown else {
            throw Self.mismatch(type)
        }
        if text == "NaN" {
            self = .nan
            return
        }
        guard let value = Decimal(string: text, locale: Self.posix), !value.isNaN else {
            throw Self.mismatch(type)
        }
        self = value
    }
}
