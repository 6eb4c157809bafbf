import Foundation
import Testing

@testable import Postgres

@Suite struct QueryTests {
    @Test func interpolationBindsValuesAndQuotesIdentifiers() {
        let id = UUID()
        let limit = 5
        let missing: String? = nil
        let query: PostgresQuery =
            "SELECT * FROM \(identifier: "we\"ird").t WHERE id = \(id) AND note = \(missing) LIMIT \(limit) \(unescaped: "FOR UPDATE")"
        #expect(query.sql == #"SELECT * FROM "we""ird".t WHERE id = $1 AND note = $2 LIMIT $3 FOR UPDATE"#)
        #expect(query.binds.map(\.dataType) == [.uuid, .text, .int8])
        #expect(query.binds.map(\.text) == [id.uuidString.lowercased(), nil, "5"])
    }

    @Test func dynamicQueriesRenumberPlaceholders() {
        var query: PostgresQuery = "SELECT 1 FROM t WHERE a = \(1)"
        query.append(" AND b = \(Int32(2)) AND c = \("three")")
        query.appendUnescaped(" AND d = ")
        query.appendBind(true)
        #expect(query.sql == "SELECT 1 FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $4")
        #expect(query.binds.map(\.text) == ["1", "2", "three", "true"])

        let explicit = PostgresQuery("SELECT $1::int + $2", binds: [1, Int32(2)])
        #expect(explicit.bindCount == 2)
        #expect(explicit.binds.map(\.dataType) == [.int8, .int4])
    }

    @Test func embeddedQueriesRenumberTheirPlaceholders() {
        let condition: PostgresQuery = "b = \(Int32(2)) AND c = \("three")"
        let query: PostgresQuery = "SELECT 1 FROM t WHERE a = \(1) AND \(condition) AND d = \(true)"
        #expect(query.sql == "SELECT 1 FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $4")
        #expect(query.binds.map(\.text) == ["1", "2", "three", "true"])
    }

    @Test func descriptionNeverShowsValues() {
        let query: PostgresQuery = "SELECT \("top-secret")"
        #expect(!query.description.contains("top-secret"))
        #expect(!String(reflecting: query).contains("top-secret"))
        var dumped = ""
        dump(query, to: &dumped)
        #expect(!dumped.contains("top-secret"))
    }
}
