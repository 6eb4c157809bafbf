import Foundation
import Testing

@Suite("Deployment: every service fuzzed against its OpenAPI document")
struct FuzzTests {
    /// deploy/checks/fuzz.py: the five executables (local mode with the demo data, fresh schemas on the
    /// test PostgreSQL, the test broker), then schemathesis on each service's served /openapi.yaml as a
    /// guest, the demo enterprise member and the demo platform admin, every check on, a bounded number of
    /// examples per operation and a fixed seed. The few exclusions are listed, with reasons, in fuzz.py.
    @Test("each service answers as its OpenAPI document says, for generated valid and invalid requests")
    func servicesAgreeWithTheirDocuments() throws {
        let environment = ProcessInfo.processInfo.environment
        let binDirectory = try #require(environment["QINQING_BIN_DIR"], "run under ./dev test (QINQING_BIN_DIR)")
        let postgres = try #require(environment["QINQING_TEST_POSTGRES_URL"], "run under ./dev test")
        let kafka = try #require(environment["QINQING_TEST_KAFKA_BROKERS"], "run under ./dev test")
        let outcome = try DeployChecks.run([
            "fuzz", "--services", DeployChecks.services, "--bin-dir", binDirectory, "--postgres-url", postgres,
            "--kafka", kafka,
        ])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))\n\(outcome.output.suffix(20000))")
    }
}
