/// A Swift value that can be bound as a query parameter.
///
/// Values travel in PostgreSQL's text format together with an explicit type OID, so the server
/// never has to guess. Conforming types: `String`, `Int`, `Int16`, `Int32`, `Int64`, `UInt8`,
/// `Bool`, `Double`, `Float`, `Decimal`, `UUID`, `Date`, `Data`, `[UInt8]` (bytea), `PostgresJSON`,
/// arrays of these and `Optional` of any of them (`nil` binds NULL).
public protocol PostgresEncodable: Sendable {
    /// The type OID sent with the parameter.
    static var postgresDataType: PostgresDataType { get }
    /// The value in PostgreSQL's text input format; `nil` binds SQL NULL.
    func postgresText() -> String?
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }

    public func postgresText() -> String? {
        switch self {
        case .some(let value): value.postgresText()
        case .none: nil
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
}

/// One bound parameter, already encoded.
struct PostgresBind: Sendable {
    var dataType: PostgresDataType
    var text: String?

    init(dataType: PostgresDataType, text: String?) {
        self.dataType = dataType
        self.text = text
    }

    init(_ value: some PostgresEncodable) {
        self.init(dataType: type(of: value).postgresDataType, text: value.postgresText())
    }

    init(existential value: any PostgresEncodable) {
        self.init(dataType: type(of: value).postgresDataType, text: value.postgresText())
    }
}
