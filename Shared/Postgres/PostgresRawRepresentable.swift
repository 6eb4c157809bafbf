/// String- or integer-backed enums bind and decode through their raw value: declare
/// `enum Status: String, PostgresEncodable, PostgresDecodable { ... }` and nothing more.
extension PostgresEncodable where Self: RawRepresentable, RawValue: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { RawValue.postgresDataType }

    public func postgresText() -> String? { rawValue.postgresText() }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue: PostgresDecodable {
    /// Fails with `.decodingFailed` for a raw value that names no case (without quoting it).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard let value = Self(rawValue: try RawValue(postgresText: text, type: type)) else {
            throw Self.mismatch(type)
        }
        self = value
    }
}
