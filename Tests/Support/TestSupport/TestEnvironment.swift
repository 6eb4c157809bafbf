import Foundation

/// Locations of the test infrastructure, read from the environment. Integration tests call these
/// and fail (never skip) when the infrastructure is missing.
public enum TestEnvironment {
    /// A required environment variable is not set.
    public struct MissingVariable: Error, CustomStringConvertible {
        public let name: String
        public let purpose: String

        public var description: String {
            "\(name) is not set: \(purpose). Start the test infrastructure with the project's scripts "
                + "and export \(name) before running the tests."
        }
    }

    /// libpq URI of the test PostgreSQL, e.g. `postgresql://postgres@127.0.0.1:25432/qinqing`.
    public static func postgresURL() throws -> String {
        try require("QINQING_TEST_POSTGRES_URL", purpose: "integration tests need a PostgreSQL server")
    }

    /// Kafka bootstrap servers of the test broker, e.g. `127.0.0.1:29092`.
    /// Under `./dev test` there are several brokers (`QINQING_TEST_KAFKA_BROKER_POOL`, space-separated):
    /// one broker answering every suite at once stalled for seconds on busy runs. Each test gets one
    /// of them, always the same (by its id), so every call within a test names the same broker.
    public static func kafkaBrokers() throws -> String {
        if let own = ownBroker { return own }
        let first = try require("QINQING_TEST_KAFKA_BROKERS", purpose: "integration tests need a Kafka-compatible broker")
        let pool = (ProcessInfo.processInfo.environment["QINQING_TEST_KAFKA_BROKER_POOL"] ?? "").split(separator: " ").map(String.init)
        guard !pool.isEmpty, let test = currentTestID() else { return first }
        return pool[Int(stableHash(test) % UInt64(pool.count))]
    }

    /// FNV-1a: the same on every run (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// Path of the tansu broker binary.
    public static func tansuBinary() throws -> String {
        try require("QINQING_TANSU_BIN", purpose: "broker tests need the tansu binary")
    }

    /// A fresh name for a per-test schema, topic or group: `prefix` lowercased with anything
    /// outside `[a-z0-9_]` replaced by `_`, then `_` and 12 random characters.
    public static func uniqueName(_ prefix: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        let cleaned = String(prefix.lowercased().map { allowed.contains($0) ? $0 : "_" })
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let suffix = String((0..<12).map { _ in alphabet.randomElement()! })
        return cleaned.isEmpty ? "t_\(suffix)" : "\(cleaned)_\(suffix)"
    }

    private static func require(_ name: String, purpose: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw MissingVariable(name: name, purpose: purpose)
        }
        return value
    }
}
