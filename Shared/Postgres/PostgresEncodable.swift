/// A Swift value that can be bound as a query parameter.
///
/// Values travel in PostgreSQL's text format together with an explicit type OID, so the server
/// never has to guess; arrays of UUIDs, texts, timestamps, booleans and integers (which batch
/// statements bind by the thousand) in its binary format, which the server reads without parsing. Conforming types: `String`, `Int`, `Int16`, `Int32`, `Int64`, `UInt8`,
/// `Bool`, `Double`, `Float`, `Decimal`, `UUID`, `Date`, `Data`, `[UInt8]` (bytea), `PostgresJSON`,
/// arrays of these and `Optional` of any of them (`nil` binds NULL).
public protocol PostgresEncodable: Sendable {
    /// The type OID sent with the parameter.
    static var postgresDataType: PostgresDataType { get }
    /// The value in PostgreSQL's text input format; `nil` binds SQL NULL.
    func postgresText() -> String?
    /// The whole value in PostgreSQL's binary format, when it travels that way (arrays of simple
    /// elements, see `PostgresBinary`); `nil`: it travels as text.
    func postgresBinary() -> [UInt8]?
    /// Appends the value as a binary array element (its length, -1 for NULL, then its bytes) and
    /// answers true; false, when the type has no binary form here, so its array travels as text.
    func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool
}

extension PostgresEncodable {
    public func postgresBinary() -> [UInt8]? { nil }
    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool { false }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }

    public func postgresText() -> String? {
        switch self {
        case .some(let value): value.postgresText()
        case .none: nil
        }
    }

    public func postgresBinary() -> [UInt8]? {
        self?.postgresBinary()
    }

    public func appendPostgresBinaryElement(to bytes: inout [UInt8]) -> Bool {
        switch self {
        case .some(let value):
            return value.appendPostgresBinaryElement(to: &bytes)
        case .none:
            PostgresBinary.append(Int32(-1), to: &bytes)
            return true
        }
    }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// `[UInt8]` is bytea; any other array is a one-dimensional PostgreSQL array.
    public static var postgresDataType: PostgresDataType {
        if Element.self == UInt8.self { return .bytea }
        return Element.postgresDataType.arrayType ?? .unknown
    }

    public func postgresText() -> String? {
        if Element.self == UInt8.self, let bytes = self as? [UInt8] { return PostgresBytea.encode(bytes) }
        return PostgresArrayLiteral.encode(map { $0.postgresText() })
    }

    public func postgresBinary() -> [UInt8]? {
        guard Element.self != UInt8.self else { return nil }
        return PostgresBinary.array(self)
    }
}

/// One bound parameter, already encoded: as text, or in binary format (`binary`), or NULL (neither).
struct PostgresBind: Sendable {
    var dataType: PostgresDataType
    var text: String?
    var binary: [UInt8]?

    init(dataType: PostgresDataType, text: String?, binary: [UInt8]? = nil) {
        self.dataType = dataType
        self.text = text
        self.binary = binary
    }

    init(_ value: some PostgresEncodable) {
        let binary = value.postgresBinary()
        self.init(dataType: type(of: value).postgresDataType, text: binary == nil ? value.postgresText() : nil, binary: binary)
    }

    init(existential value: any PostgresEncodable) {
        self.init(value)
    }
}
