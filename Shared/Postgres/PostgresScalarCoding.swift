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

    public func postgresText() -> String? { uuidString.lowercased() }

    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type == .uuid || type.isTextual, let uuid = UUID(uuidString: text) else { throw Self.mismatch(type) }
        self = uuid
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
