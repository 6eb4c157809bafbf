import ServiceKit
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("defaults suit the local run")
    func defaults() throws {
        let configuration = try ServiceConfiguration(service: .appeals, environment: [:])
        #expect(configuration.port == 8103)
        #expect(configuration.schema == "appeals")
        #expect(configuration.environment == .local)
        #expect(configuration.postgresURL.contains("qinqing_appeals@127.0.0.1"))
    }

    @Test("variables override, and a malformed one is an error naming it")
    func overrides() throws {
        let configuration = try ServiceConfiguration(
            service: .filing, environment: ["QINQING_FILING_PORT": "9000", "QINQING_ENVIRONMENT": "production"])
        #expect(configuration.port == 9000)
        #expect(configuration.environment == .production)
        #expect(throws: ConfigurationError(variable: "QINQING_FILING_PORT")) {
            try ServiceConfiguration(service: .filing, environment: ["QINQING_FILING_PORT": "eighty"])
        }
    }
}
