import Foundation
import Testing
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each executable, started as `./dev up` starts it, against the suite's PostgreSQL and broker.
@Suite("Service executables")
struct ServiceLifecycleTests {
    @Test(
        "starts, migrates, reports ready, serves its platform endpoints, and stops cleanly on SIGTERM",
        arguments: ["identity", "policy", "appeals", "filing", "notifications"])
    func startReadyStop(service: String) async throws {
        guard let binDirectory = ProcessInfo.processInfo.environment["QINQING_BIN_DIR"] else {
            Issue.record("QINQING_BIN_DIR is not set; run through ./dev test")
            return
        }
        let port = try FreePort.find()
        let schema = TestEnvironment.uniqueName(service)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(binDirectory)/\(service)")
        var environment = ProcessInfo.processInfo.environment
        environment["QINQING_\(service.uppercased())_PORT"] = "\(port)"
        environment["QINQING_POSTGRES_URL"] = try TestEnvironment.postgresURL()
        environment["QINQING_POSTGRES_SCHEMA"] = schema
        environment["QINQING_KAFKA_BROKERS"] = try TestEnvironment.kafkaBrokers()
        environment["QINQING_LOG_LEVEL"] = "warning"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.interrupt() } }

        let base = "http://127.0.0.1:\(port)"
        let ready = await eventually(timeout: .seconds(60), every: .milliseconds(200)) {
            (try? await Self.get("\(base)/health/ready").status) == 200
        }
        #expect(ready, "\(service) did not become ready")
        let openAPI = try await Self.get("\(base)/openapi.yaml")
        #expect(openAPI.status == 200)
        #expect(openAPI.body.hasPrefix("openapi: 3.1"))
        let metrics = try await Self.get("\(base)/metrics")
        #expect(metrics.status == 200)
        let missing = try await Self.get("\(base)/no-such-route")
        #expect(missing.status == 404)
        #expect(missing.body.contains("\"error\""))

        process.terminate()  // SIGTERM
        let stopped = await eventually(timeout: .seconds(20)) { !process.isRunning }
        #expect(stopped, "\(service) did not stop within 20 s of SIGTERM")
        if stopped {
            #expect(process.terminationStatus == 0)
        }
        let log = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        for line in log.split(separator: "\n") where line.hasPrefix("{") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "log line is not JSON: \(line)")
        }
    }

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
