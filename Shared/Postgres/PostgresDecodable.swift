/// A Swift type that a result column can be decoded into.
///
/// Columns arrive in PostgreSQL's text format and are parsed according to the column's type OID.
/// Decoding SQL NULL into a non-optional type throws; `Optional` decodes it as `nil`.
public protocol PostgresDecodable {
    /// Decodes a non-NULL value from its text form. Errors must not quote `text`.
    init(postgresText text: String, type: PostgresDataType) throws(PostgresError)
    /// The value for SQL NULL, or `nil` when NULL is not acceptable (the default).
    static var postgresNullValue: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNullValue: Self? { nil }
}

extension PostgresDecodable {
    /// Decodes an optional cell: NULL becomes `postgresNullValue` or an error.
    static func decode(postgresText text: String?, type: PostgresDataType) throws(PostgresError) -> Self {
        guard let text else {
            guard let null = postgresNullValue else {
                throw PostgresError(code: .decodingFailed, context: "unexpected NULL for \(Self.self)")
            }
            return null
        }
        return try Self(postgresText: text, type: type)
    }

    /// The error for a value that does not parse or a type that does not fit; never quotes the value.
    static func mismatch(_ type: PostgresDataType) -> PostgresError {
        PostgresError(code: .decodingFailed, context: "cannot decode \(type) as \(Self.self)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        self = .some(try Wrapped(postgresText: text, type: type))
    }

    public static var postgresNullValue: Self? { .some(nil) }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Decodes bytea into `[UInt8]`, and one-dimensional PostgreSQL arrays into any other array.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        if Element.self == UInt8.self, type == .bytea {
            guard let bytes = PostgresBytea.decode(text), let typed = bytes as? [Element] else {
                throw Self.mismatch(type)
            }
            self = typed
            return
        }
        guard let elements = PostgresArrayLiteral.parse(text) else { throw Self.mismatch(type) }
        let elementType = type.elementType ?? .unknown
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            result.append(try Element.decode(postgresText: element, type: elementType))
        }
        self = result
    }
}
