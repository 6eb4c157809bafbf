import Hummingbird
import HummingbirdTesting
import Logging
import ServiceKit

/// One service in-process against the suite's PostgreSQL and broker, on a fresh schema: the shape
/// every service's test harness is built on. The runtime is built once, as the executable builds it,
/// unless the test supplies its own (say, with rotated keys).
public struct ServiceUnderTest<Runtime: Sendable>: Sendable {
    public let definition: ServiceDefinition<Runtime>
    public let runtime: Runtime
    public let dependencies: ServiceDependencies

    /// `tokens` is the verifier the service trusts (default: a `TestTokens` signer's, given by the caller);
    /// it may depend on the runtime (identity verifies with its own keys).
    public static func start(
        _ definition: ServiceDefinition<Runtime>,
        runtime makeRuntime: (@Sendable (ServiceDependencies) async throws -> Runtime)? = nil,
        tokens: @Sendable (Runtime) async throws -> TokenVerifier,
        logLevel: Logger.Level = .warning
    ) async throws -> ServiceUnderTest {
        var logger = Logger(label: "test.\(definition.service.rawValue)")
        logger.logLevel = logLevel
        var dependencies = try await ServiceApplication.prepare(
            definition, configuration: try .forTest(definition.service), logger: logger)
        do {
            let runtime = try await (makeRuntime ?? definition.makeRuntime)(dependencies)
            dependencies.tokens = try await tokens(runtime)
            return ServiceUnderTest(definition: definition, runtime: runtime, dependencies: dependencies)
        } catch {
            await dependencies.pool.shutdown()
            throw error
        }
    }

    /// The HTTP application with the service's relay, consumers and jobs (HummingbirdTesting runs them
    /// beside the test in `.router` tests too).
    public func application() throws -> some ApplicationProtocol {
        try ServiceApplication.application(definition, runtime: runtime, dependencies: dependencies)
    }

    /// Runs `body` against the service's router.
    public func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await application().test(.router, body)
    }

    public func stop() async {
        await dependencies.pool.shutdown()
    }
}
