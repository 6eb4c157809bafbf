/// A PostgreSQL type OID, as reported for result columns and sent with bound parameters.
public struct PostgresDataType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Lets the server infer the parameter's type.
    public static let unknown = PostgresDataType(rawValue: 0)
    public static let bool = PostgresDataType(rawValue: 16)
    public static let bytea = PostgresDataType(rawValue: 17)
    public static let char = PostgresDataType(rawValue: 18)
    public static let name = PostgresDataType(rawValue: 19)
    public static let int8 = PostgresDataType(rawValue: 20)
    public static let int2 = PostgresDataType(rawValue: 21)
    public static let int4 = PostgresDataType(rawValue: 23)
    public static let text = PostgresDataType(rawValue: 25)
    public static let oid = PostgresDataType(rawValue: 26)
    public static let json = PostgresDataType(rawValue: 114)
    public static let float4 = PostgresDataType(rawValue: 700)
    public static let float8 = PostgresDataType(rawValue: 701)
    public static let bpchar = PostgresDataType(rawValue: 1042)
    public static let varchar = PostgresDataType(rawValue: 1043)
    public static let date = PostgresDataType(rawValue: 1082)
    public static let timestamp = PostgresDataType(rawValue: 1114)
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    public static let numeric = PostgresDataType(rawValue: 1700)
    public static let uuid = PostgresDataType(rawValue: 2950)
    public static let jsonb = PostgresDataType(rawValue: 3802)

    public static let jsonArray = PostgresDataType(rawValue: 199)
    public static let boolArray = PostgresDataType(rawValue: 1000)
    public static let byteaArray = PostgresDataType(rawValue: 1001)
    public static let charArray = PostgresDataType(rawValue: 1002)
    public static let nameArray = PostgresDataType(rawValue: 1003)
    public static let int2Array = PostgresDataType(rawValue: 1005)
    public static let int4Array = PostgresDataType(rawValue: 1007)
    public static let textArray = PostgresDataType(rawValue: 1009)
    public static let bpcharArray = PostgresDataType(rawValue: 1014)
    public static let varcharArray = PostgresDataType(rawValue: 1015)
    public static let int8Array = PostgresDataType(rawValue: 1016)
    public static let float4Array = PostgresDataType(rawValue: 1021)
    public static let float8Array = PostgresDataType(rawValue: 1022)
    public static let timestampArray = PostgresDataType(rawValue: 1115)
    public static let dateArray = PostgresDataType(rawValue: 1182)
    public static let timestamptzArray = PostgresDataType(rawValue: 1185)
    public static let numericArray = PostgresDataType(rawValue: 1231)
    public static let uuidArray = PostgresDataType(rawValue: 2951)
    public static let jsonbArray = PostgresDataType(rawValue: 3807)

    private static let elementToArray: [PostgresDataType: PostgresDataType] = [
        .bool: .boolArray, .bytea: .byteaArray, .char: .charArray, .name: .nameArray, .int2: .int2Array,
        .int4: .int4Array, .int8: .int8Array, .text: .textArray, .bpchar: .bpcharArray, .varchar: .varcharArray,
        .float4: .float4Array, .float8: .float8Array, .timestamp: .timestampArray, .date: .dateArray,
        .timestamptz: .timestamptzArray, .numeric: .numericArray, .uuid: .uuidArray, .json: .jsonArray,
        .jsonb: .jsonbArray,
    ]
    private static let arrayToElement: [PostgresDataType: PostgresDataType] = Dictionary(
        uniqueKeysWithValues: elementToArray.map { ($0.value, $0.key) })

    /// The array type whose elements are of this type, if known.
    public var arrayType: PostgresDataType? { Self.elementToArray[self] }

    /// The element type when this is a known array type.
    public var elementType: PostgresDataType? { Self.arrayToElement[self] }

    var isInteger: Bool { self == .int2 || self == .int4 || self == .int8 || self == .oid }

    var isTextual: Bool {
        self == .text || self == .varchar || self == .bpchar || self == .name || self == .char || self == .unknown
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .int2: "int2"
        case .int4: "int4"
        case .int8: "int8"
        case .text: "text"
        case .varchar: "varchar"
        case .numeric: "numeric"
        case .float4: "float4"
        case .float8: "float8"
        case .uuid: "uuid"
        case .json: "json"
        case .jsonb: "jsonb"
        case .timestamptz: "timestamptz"
        case .timestamp: "timestamp"
        case .date: "date"
        default: elementType.map { "\($0)[]" } ?? "oid \(rawValue)"
        }
    }
}
