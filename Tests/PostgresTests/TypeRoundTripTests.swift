import Foundation
import Postgres
import Testing

private enum Status: String, PostgresEncodable, PostgresDecodable {
    case open, closed
}

@Suite struct TypeRoundTripTests {
    /// Sends `value` as a typed parameter and decodes what the server sends back.
    private func echo<T: PostgresEncodable & PostgresDecodable>(_ value: T, _ pool: PostgresPool) async throws -> T {
        let rows = try await pool.query("SELECT \(value) AS v")
        return try rows[0].decode("v", as: T.self)
    }

    @Test func scalarsRoundTrip() async throws {
        try await TestDatabase.withPool { pool throws in
            let id = UUID()
            #expect(try await echo(id, pool) == id)
            for text in ["", "héllo 世界 🎉", "quote ' double \" back \\ brace {}", "line\nbreak\ttab"] {
                #expect(try await echo(text, pool) == text)
            }
            for number in [0, 1, -1, Int.max, Int.min] { #expect(try await echo(number, pool) == number) }
            #expect(try await echo(Int32.min, pool) == Int32.min)
            #expect(try await echo(Int64.max, pool) == Int64.max)
            #expect(try await echo(Int16(-7), pool) == -7)
            #expect(try await echo(true, pool) == true)
            #expect(try await echo(false, pool) == false)
            #expect(try await echo(3.141592653589793, pool) == 3.141592653589793)
            #expect(try await echo(-1.0e-300, pool) == -1.0e-300)
            #expect(try await echo(Double.infinity, pool) == .infinity)
            #expect(try await echo(Double.nan, pool).isNaN)
            #expect(try await echo(Float(1.5), pool) == 1.5)
            let bytes = Data((0...255).map { UInt8($0) })
            #expect(try await echo(bytes, pool) == bytes)
            #expect(try await echo([UInt8]([0, 92, 120, 255]), pool) == [0, 92, 120, 255])
            #expect(try await echo(Data(), pool) == Data())
        }
    }

    @Test func numericKeepsFullPrecision() async throws {
        try await TestDatabase.withPool { pool throws in
            for text in ["12345678901234.5678", "-0.000000000001", "99999999999999999999999999999999999", "0"] {
                let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                #expect(try await echo(value, pool) == value)
                let serverText = try await pool.query("SELECT (\(value))::text AS t")[0].decode("t", as: String.self)
                #expect(serverText == text)
            }
            let computed = try await pool.query("SELECT 12345678901234.5678::numeric * 2 AS v")[0].decode("v", as: Decimal.self)
            #expect(computed == Decimal(string: "24691357802469.1356", locale: Locale(identifier: "en_US_POSIX")))
        }
    }

    @Test func timestamptzKeepsMicroseconds() async throws {
        try await TestDatabase.withPool { pool throws in
            let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
            #expect(try await echo(date, pool) == date)
            let rendered = try await pool.query(
                "SELECT to_char(\(date) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS t")[0].decode("t", as: String.self)
            #expect(rendered == "2023-11-14 22:13:20.123456")
            let fromServer = try await pool.query(
                "SELECT '2023-11-15 03:43:20.123456+05:30'::timestamptz AS t, '2023-11-14'::date AS d")[0]
            #expect(try fromServer.decode("t", as: Date.self) == date)
            #expect(try fromServer.decode("d", as: Date.self) == Date(timeIntervalSince1970: 1_699_920_000))
        }
    }

    @Test func rawRepresentableEnumsUseTheirRawValue() async throws {
        try await TestDatabase.withPool { pool throws in
            #expect(try await echo(Status.closed, pool) == .closed)
            #expect(try await echo([Status.open, .closed], pool) == [.open, .closed])
            let row = try await pool.query("SELECT 'archived'::text AS s")[0]
            let error = #expect(throws: PostgresError.self) { try row.decode("s", as: Status.self) }
            #expect(error?.description.contains("archived") == false)
        }
    }

    @Test func jsonbRoundTrips() async throws {
        struct Payload: Codable, Equatable {
            var name: String
            var tags: [String]
            var count: Int
        }
        try await TestDatabase.withPool { pool throws in
            let payload = Payload(name: "Zoë \"q\"", tags: ["a", "b,c"], count: 3)
            let json = try PostgresJSON(encoding: payload)
            #expect(try await echo(json, pool).decode(Payload.self) == payload)
            let field = try await pool.query("SELECT \(json)->>'name' AS n")[0].decode("n", as: String.self)
            #expect(field == payload.name)
        }
    }

    @Test func arraysRoundTrip() async throws {
        try await TestDatabase.withPool { pool throws in
            let strings = ["a", "b c", "x,y", "q\"uote", "back\\slash", "NULL", "", "{brace}", "ünï 🎉"]
            #expect(try await echo(strings, pool) == strings)
            let withNulls: [String?] = ["a", nil, "NULL"]
            #expect(try await echo(withNulls, pool) == withNulls)
            #expect(try await echo([Int?]([1, nil, 3]), pool) == [1, nil, 3])
            #expect(try await echo([Int32](), pool) == [])
            let ids = [UUID(), UUID()]
            #expect(try await echo(ids, pool) == ids)
            #expect(try await echo([true, false], pool) == [true, false])
            let decimals = ["1.5", "-12345678901234.5678"].map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! }
            #expect(try await echo(decimals, pool) == decimals)
            let dates = [Date(timeIntervalSince1970: 0.000001), Date(timeIntervalSince1970: 1_700_000_000.5)]
            #expect(try await echo(dates, pool) == dates)
            let blobs = [Data([0, 1]), Data([0xff])]
            #expect(try await echo(blobs, pool) == blobs)
            let length = try await pool.query("SELECT cardinality(\(strings)) AS n")[0].decode("n", as: Int.self)
            #expect(length == strings.count)
            let serverArray = try await pool.query(#"SELECT ARRAY['a b', NULL, 'c"d'] AS v"#)[0]
            #expect(try serverArray.decode("v", as: [String?].self) == ["a b", nil, "c\"d"])
            #expect(throws: PostgresError.self) { try serverArray.decode("v", as: [String].self) }
        }
    }

    @Test func nullsDecodeAsNilAndFailForNonOptionals() async throws {
        try await TestDatabase.withSchema("types_null") { pool, _ in
            try await pool.execute(
                """
                CREATE TABLE everything (
                    id uuid, t text, i int4, b bigint, n numeric, ok bool, at timestamptz,
                    doc jsonb, raw bytea, tags text[], f float8
                )
                """)
            let none: PostgresJSON? = nil
            let inserted = try await pool.execute(
                """
                INSERT INTO everything VALUES (\(UUID?.none), \(String?.none), \(Int32?.none), \(Int?.none),
                    \(Decimal?.none), \(Bool?.none), \(Date?.none), \(none), \(Data?.none), \([String]?.none),
                    \(Double?.none))
                """)
            #expect(inserted == 1)
            let row = try await pool.query("SELECT * FROM everything")[0]
            #expect(try row.decode("id", as: UUID?.self) == nil)
            #expect(try row.decode("t", as: String?.self) == nil)
            #expect(try row.decode("i", as: Int32?.self) == nil)
            #expect(try row.decode("b", as: Int?.self) == nil)
            #expect(try row.decode("n", as: Decimal?.self) == nil)
            #expect(try row.decode("ok", as: Bool?.self) == nil)
            #expect(try row.decode("at", as: Date?.self) == nil)
            #expect(try row.decode("doc", as: PostgresJSON?.self) == nil)
            #expect(try row.decode("raw", as: Data?.self) == nil)
            #expect(try row.decode("tags", as: [String]?.self) == nil)
            #expect(try row.decode(10, as: Double?.self) == nil)
            #expect(row.isNull("t"))
            let error = try #require(throws: PostgresError.self) { try row.decode("i", as: Int32.self) }
            #expect(error.code == .decodingFailed)
            #expect(error.description.contains("\"i\""))
        }
    }

    @Test func typedColumnsRoundTripThroughATable() async throws {
        try await TestDatabase.withSchema("types_table") { pool, _ in
            try await pool.execute(
                "CREATE TABLE things (id uuid PRIMARY KEY, small int4, big bigint, amount numeric(20,4), at timestamptz, tags text[])")
            let id = UUID()
            let at = Date(timeIntervalSince1970: 1_234_567_890.654321)
            let amount = Decimal(string: "12345678901234.5678", locale: Locale(identifier: "en_US_POSIX"))!
            try await pool.execute(
                "INSERT INTO things VALUES (\(id), \(Int32(42)), \(Int64.max), \(amount), \(at), \(["x", "y z"]))")
            let row = try await pool.query("SELECT * FROM things WHERE id = \(id)")[0]
            #expect(try row.decode("small", as: Int.self) == 42)
            #expect(try row.decode("big", as: Int64.self) == .max)
            #expect(try row.decode("amount", as: Decimal.self) == amount)
            #expect(try row.decode("at", as: Date.self) == at)
            #expect(try row.decode("tags", as: [String].self) == ["x", "y z"])
            #expect(throws: PostgresError.self) { try row.decode("big", as: Int32.self) }
            #expect(throws: PostgresError.self) { try row.decode("small", as: Bool.self) }
            #expect(throws: PostgresError.self) { try row.decode("nope", as: Int.self) }
        }
    }
}
