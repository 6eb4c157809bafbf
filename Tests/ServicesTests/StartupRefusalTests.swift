import Foundation
import Testing
import TestSupport

/// A service outside the local run without its personal-data keys, or with malformed ones, must not
/// start: it exits at once, naming the variable (never its value).
@Suite("Start-up refusal without personal-data keys", .serialized)
struct StartupRefusalTests {
    static let validKey = Data(repeating: 7, count: 32).base64EncodedString()
    static let shortKey = Data(repeating: 7, count: 16).base64EncodedString()

    /// (keys, current key, hash key) → the variable the refusal must name.
    static let cases: [(keys: [String: String], names: String)] = [
        ([:], "QINQING_PII_KEYS"),
        (["QINQING_PII_KEYS": "k1:\(shortKey)", "QINQING_PII_CURRENT_KEY": "k1", "QINQING_PII_HASH_KEY": validKey], "QINQING_PII_KEYS"),
        (["QINQING_PII_KEYS": "k1:not base64!", "QINQING_PII_CURRENT_KEY": "k1", "QINQING_PII_HASH_KEY": validKey], "QINQING_PII_KEYS"),
        (["QINQING_PII_KEYS": "k1:\(validKey)", "QINQING_PII_CURRENT_KEY": "k2", "QINQING_PII_HASH_KEY": validKey], "QINQING_PII_CURRENT_KEY"),
        (["QINQING_PII_KEYS": "k1:\(validKey)", "QINQING_PII_CURRENT_KEY": "k1", "QINQING_PII_HASH_KEY": shortKey], "QINQING_PII_HASH_KEY"),
    ]

    @Test(
        "refuses to start, naming the variable",
        arguments: ["identity", "policy", "appeals", "notifications"], cases.indices)
    func refuses(service: String, caseIndex: Int) async throws {
        guard let binDirectory = ProcessInfo.processInfo.environment["QINQING_BIN_DIR"] else {
            Issue.record("QINQING_BIN_DIR is not set; run through ./dev test")
            return
        }
        let (keys, variable) = Self.cases[caseIndex]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(service)")
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("QINQING_PII_") }
        environment.merge(keys) { _, new in new }
        environment["QINQING_ENVIRONMENT"] = "production"
        environment["QINQING_\(service.uppercased())_PORT"] = "\(try FreePort.find())"
        environment["QINQING_POSTGRES_URL"] = try TestEnvironment.postgresURL()
        environment["QINQING_POSTGRES_SCHEMA"] = TestEnvironment.uniqueName(service)
        environment["QINQING_KAFKA_BROKERS"] = try TestEnvironment.kafkaBrokers()
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.interrupt() } }

        let exited = await eventually(timeout: .seconds(60)) { !process.isRunning }
        #expect(exited, "\(service) kept running without valid personal-data keys")
        guard exited else { return }
        #expect(process.terminationStatus != 0)
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains(variable), "\(service) did not name \(variable): \(log.suffix(400))")
        for value in keys.values where value.count > 8 {
            #expect(!log.contains(value), "\(service) wrote a key's value to its output")
        }
    }
}
