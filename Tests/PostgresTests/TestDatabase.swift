import Foundation
import Logging
import Postgres
import TestSupport

/// Pools and throw-away schemas for integration tests against `QINQING_TEST_POSTGRES_URL`.
enum TestDatabase {
    static let logger = Logger(label: "postgres-tests") { _ in SwiftLogNoOpLogHandler() }

    static func makePool(size: Int = 2, searchPath: String? = nil) throws -> PostgresPool {
        let configuration = PostgresConfiguration(
            url: try TestEnvironment.postgresURL(), poolSize: size, searchPath: searchPath)
        return PostgresPool(configuration: configuration, logger: logger)
    }

    /// Runs `body` with a pool that is shut down afterwards.
    nonisolated(nonsending) static func withPool<T: Sendable>(size: Int = 2, _ body: (PostgresPool) async throws -> T) async throws -> T {
        let pool = try makePool(size: size)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(pool))
        } catch {
            result = .failure(error)
        }
        await pool.shutdown()
        return try result.get()
    }

    /// Runs `body` with a pool whose search_path is a fresh schema, dropped afterwards.
    nonisolated(nonsending) static func withSchema<T: Sendable>(
        _ prefix: String, poolSize: Int = 2, _ body: (PostgresPool, String) async throws -> T
    ) async throws -> T {
        let schema = TestEnvironment.uniqueName(prefix)
        let admin = try makePool(size: 1)
        try await admin.execute("CREATE SCHEMA \(identifier: schema)")
        let pool = try makePool(size: poolSize, searchPath: schema)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(pool, schema))
        } catch {
            result = .failure(error)
        }
        await pool.shutdown()
        _ = try? await admin.execute("DROP SCHEMA \(identifier: schema) CASCADE")
        await admin.shutdown()
        return try result.get()
    }

    /// A directory holding the given files, removed after `body`.
    static func withDirectory<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent(TestEnvironment.uniqueName("migrations"), isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in files {
            try contents.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try body(directory)
    }
}
