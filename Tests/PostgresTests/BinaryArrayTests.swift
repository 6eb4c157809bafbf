import Foundation
@testable import Postgres
import Testing

/// Arrays of UUIDs, texts, timestamps, booleans and integers travel in PostgreSQL's binary format:
/// the server must read each as it reads the same array sent as text.
@Suite struct BinaryArrayTests {
    /// The server's text of `value` sent in binary, beside its text of the same array sent as text.
    private func bothWays<Element: PostgresEncodable>(
        _ value: [Element], _ pool: PostgresPool
    ) async throws -> (binary: String, text: String) {
        #expect(PostgresBind(value).binary != nil, "\([Element].self) travels in binary")
        let query: PostgresQuery = """
            SELECT \(value)::text AS sent_binary,
                (\(value.postgresText()))::\(unescaped: typeName(Element.postgresDataType))::text AS sent_text
            """
        let row = try await pool.query(query)[0]
        return (try row.decode("sent_binary", as: String.self), try row.decode("sent_text", as: String.self))
    }

    private func typeName(_ type: PostgresDataType) -> String {
        switch type {
        case .uuid: "uuid[]"
        case .text: "text[]"
        case .timestamptz: "timestamptz[]"
        case .bool: "boolean[]"
        case .int8: "bigint[]"
        case .int4: "integer[]"
        case .int2: "smallint[]"
        default: "unknown"
        }
    }

    @Test func eachElementTypeReadsAsItsTextForm() async throws {
        try await TestDatabase.withPool { pool throws in
            let cases: [(String, String)] = [
                try await bothWays([UUID(), UUID()], pool),
                try await bothWays([UUID?]([UUID(), nil]), pool),
                try await bothWays(["a", "b c", "q\"uote", "back\\slash", "NULL", "", "{brace}", "ünï 🎉", "新厂房"], pool),
                try await bothWays([String?](["a", nil, "NULL"]), pool),
                try await bothWays([Date(timeIntervalSince1970: 0.000001), Date(timeIntervalSince1970: 1_700_000_000.1234567),
                                    Date(timeIntervalSince1970: -1_000_000_000.25), .distantFuture, .distantPast], pool),
                try await bothWays([Date?]([Date(timeIntervalSince1970: 1_795_000_000.125), nil]), pool),
                try await bothWays([true, false], pool),
                try await bothWays([Bool?]([nil, true]), pool),
                try await bothWays([0, 1, -1, Int.max, Int.min], pool),
                try await bothWays([Int64.max, -5], pool),
                try await bothWays([Int32.min, 7], pool),
                try await bothWays([Int16(-7), 300], pool),
                try await bothWays([Int?]([nil, 2]), pool),
                try await bothWays([UUID](), pool),
            ]
            for (binary, text) in cases { #expect(binary == text) }
            #expect(cases[2].0.contains("新厂房"))
        }
    }

    @Test func aTextWithNULIsRefusedAndOtherArraysStayText() async throws {
        try await TestDatabase.withPool { pool throws in
            #expect(PostgresBind(["a\u{0}b"]).binary == nil)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("SELECT cardinality(\(["ok", "a\u{0}b"])) AS n")
            }
            #expect(error?.sqlState == "22021")
            // Decimals, doubles and byte strings have no binary form here: their arrays go as text, still read right.
            #expect(PostgresBind([Decimal(1)]).binary == nil)
            #expect(PostgresBind([1.5]).binary == nil)
            #expect(PostgresBind([Data([1])]).binary == nil)
            let sum = try await pool.query("SELECT (SELECT sum(x) FROM unnest(\([1.5, 2.25])) x)::float8 AS s")[0].decode("s", as: Double.self)
            #expect(sum == 3.75)
        }
    }
}
