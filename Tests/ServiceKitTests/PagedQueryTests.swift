import Foundation
import Logging
import Postgres
import ServiceKit
import Testing
import TestSupport

@Suite("One count strategy for paged lists")
struct PagedQueryTests {
    @Test("every page carries the whole list's total: first, middle, short last, exactly full last and beyond the end")
    func totals() async throws {
        let logger = Logger(label: "paging-test") { _ in SwiftLogNoOpLogHandler() }
        let schema = TestEnvironment.uniqueName("paging")
        let url = try TestEnvironment.postgresURL()
        let admin = PostgresPool(configuration: .init(url: url, poolSize: 1), logger: logger)
        try await admin.execute("CREATE SCHEMA \(identifier: schema)")
        await admin.shutdown()
        let pool = PostgresPool(configuration: .init(url: url, poolSize: 2, searchPath: schema), logger: logger)
        try await pool.execute("CREATE TABLE items (n int PRIMARY KEY, kind text NOT NULL)")
        try await pool.execute(
            "INSERT INTO items SELECT i, CASE WHEN i % 3 = 0 THEN 'three' ELSE 'other' END FROM generate_series(1, 25) AS i")
        let threes: PostgresQuery = "SELECT n FROM items WHERE kind = \("three")"  // 3, 6, …, 24: eight rows

        func page(_ number: Int, size: Int, of query: PostgresQuery = threes) async throws -> Page<Int> {
            try await pool.page(query, orderBy: "n DESC", paging: Paging(page: number, size: size)) { try $0.decode("n") }
        }
        let first = try await page(1, size: 3)
        #expect(first.items == [24, 21, 18])
        #expect(first.total == 8)
        #expect(try await page(2, size: 3).items == [15, 12, 9])
        let last = try await page(3, size: 3)
        #expect(last.items == [6, 3])
        #expect(last.total == 8)
        let full = try await page(2, size: 4)
        #expect(full.items == [12, 9, 6, 3])
        #expect(full.total == 8)
        let beyond = try await page(9, size: 3)
        #expect(beyond.items.isEmpty)
        #expect(beyond.total == 8)
        let none = try await page(1, size: 3, of: "SELECT n FROM items WHERE kind = \("none")")
        #expect(none.items.isEmpty && none.total == 0)
        await pool.shutdown()
    }
}
