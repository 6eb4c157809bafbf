import Testing

@testable import Postgres

@Suite struct ArrayLiteralTests {
    @Test func parsesQuotedUnquotedAndNullElements() {
        let parsed = PostgresArrayLiteral.parse(#"{a,"b c",NULL,"NULL","x,y","q\"uote","back\\slash",""}"#)
        #expect(parsed == ["a", "b c", nil, "NULL", "x,y", "q\"uote", "back\\slash", ""])
    }

    @Test func parsesEmptyArrayAndLowerBoundDecoration() {
        #expect(PostgresArrayLiteral.parse("{}") == [])
        #expect(PostgresArrayLiteral.parse("[0:1]={7,8}") == ["7", "8"])
    }

    @Test func rejectsMalformedAndMultiDimensionalInput() {
        #expect(PostgresArrayLiteral.parse("{{1,2},{3,4}}") == nil)
        #expect(PostgresArrayLiteral.parse(#"{"open}"#) == nil)
        #expect(PostgresArrayLiteral.parse("1,2") == nil)
    }

    @Test func encodeThenParseIsIdentity() {
        let elements: [String?] = ["plain", "with space", "comma,", "\"", "\\", "{}", "NULL", nil, "", "ünï 🎉"]
        let literal = PostgresArrayLiteral.encode(elements)
        #expect(literal.hasPrefix("{\"plain\",") && literal.contains(",NULL,"))
        #expect(PostgresArrayLiteral.parse(literal) == elements)
    }
}
