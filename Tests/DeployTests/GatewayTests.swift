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
