import Foundation
import Testing

@testable import Postgres

@Suite struct ValueFormatTests {
    @Test func formatsDatesInUTCWithMicroseconds() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(PostgresTimestamp.format(date) == "2023-11-14 22:13:20.123456+00")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.500000+00")
    }

    @Test func parsesServerTimestampForms() throws {
        let expected = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(PostgresTimestamp.parse("2023-11-14 22:13:20.123456+00") == expected)
        #expect(PostgresTimestamp.parse("2023-11-15 03:43:20.123456+05:30") == expected)
        #expect(PostgresTimestamp.parse("2023-11-14 22:13:20.123456") == expected)
        #expect(PostgresTimestamp.parse("2023-11-14 22:13:20.1+00") == Date(timeIntervalSince1970: 1_700_000_000.1))
        #expect(PostgresTimestamp.parse("1970-01-02") == Date(timeIntervalSince1970: 86_400))
        #expect(PostgresTimestamp.parse("infinity") == .distantFuture)
        #expect(PostgresTimestamp.parse("2023-13-01 00:00:00+00") == nil)
        #expect(PostgresTimestamp.parse("yesterday") == nil)
    }

    @Test func calendarArithmeticMatchesKnownDays() {
        #expect(PostgresTimestamp.days(fromCivil: 1970, 1, 1) == 0)
        #expect(PostgresTimestamp.days(fromCivil: 2000, 3, 1) == 11_017)
        #expect(PostgresTimestamp.civil(fromDays: 11_016) == (2000, 2, 29))
        #expect(PostgresTimestamp.civil(fromDays: -1) == (1969, 12, 31))
    }

    @Test func byteaHexRoundTrips() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xfe, 0xff]
        #expect(PostgresBytea.encode(bytes) == "\\x00017f80feff")
        #expect(PostgresBytea.decode("\\x00017F80FEFF") == bytes)
        #expect(PostgresBytea.decode("\\x0") == nil)
        #expect(PostgresBytea.decode("abc") == nil)
    }

    @Test func migrationFileNames() {
        #expect(Migration.parseFileName("0001_create_appeals.sql")! == (1, "create_appeals"))
        #expect(Migration.parseFileName("12_add-index.sql")! == (12, "add-index"))
        #expect(Migration.parseFileName("0000_zero.sql") == nil)
        #expect(Migration.parseFileName("create.sql") == nil)
        #expect(Migration.parseFileName("0001_.sql") == nil)
        #expect(Migration.parseFileName("0001_bad name.sql") == nil)
        #expect(Migration(version: 3, name: "x", sql: "").label == "0003_x")
    }
}
