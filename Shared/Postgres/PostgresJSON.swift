import Foundation

/// A jsonb value: raw UTF-8 JSON bytes, with helpers to and from `Codable` types.
public struct PostgresJSON: Sendable, Hashable {
    public var data: Data

    public init(data: Data) { self.data = data }

    public init<T: Encodable>(encoding value: T, encoder: JSONEncoder = JSONEncoder()) throws {
        self.data = try encoder.encode(value)
    }

    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: data)
    }
}

extension PostgresJSON: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .jsonb }

    public func postgresText() -> String? { String(decoding: data, as: UTF8.self) }

    /// Decodes json and jsonb columns (and text, which is taken as JSON).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type == .jsonb || type == .json || type.isTextual else { throw Self.mismatch(type) }
        self.data = Data(text.utf8)
    }
}
