import Foundation
import Testing

@Suite("Deployment: the nginx gateway")
struct GatewayTests {
    /// nginx -t of deploy/gateway, then Debian's nginx with that configuration in front of one stand-in
    /// upstream per service: routing and OpenAPI under each prefix, X-Forwarded-For from the client
    /// address, security headers, 404 for /metrics, /local/* and key rotation, 413 and 429.
    @Test("deploy/gateway passes nginx -t and its routing, limits and headers hold through nginx")
    func gatewayJourney() throws {
        let outcome = try DeployChecks.run(["gateway", "--services", DeployChecks.services])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))")
    }
}

@Suite("Deployment: a journey through the gateway to the real services")
struct GatewayJourneyTests {
    /// The five executables (local mode, fresh schemas on the test PostgreSQL, the test broker) behind
    /// Debian's nginx with deploy/gateway: health and OpenAPI of each through its prefix, registration,
    /// sign-in and authenticated reads on three services; /metrics and /local/sms, which the services
    /// serve, answer 404 at the gateway, as does key rotation; a 7 MB upload is 413, repeated sign-ins 429.
    @Test("a user's journey works through nginx in front of the five services")
    func journeyThroughTheGateway() throws {
        let environment = ProcessInfo.processInfo.environment
        let binDirectory = try #require(environment["QINQING_BIN_DIR"], "run under ./dev test (QINQING_BIN_DIR)")
        let postgres = try #require(environment["QINQING_TEST_POSTGRES_URL"], "run under ./dev test")
        let kafka = try #require(environment["QINQING_TEST_KAFKA_BROKERS"], "run under ./dev test")
        let outcome = try DeployChecks.run([
            "journey", "--services", DeployChecks.services, "--bin-dir", binDirectory, "--postgres-url", postgres,
            "--kafka", kafka,
        ])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))")
    }
}
