import Testing

extension TestEnvironment {
    /// The broker of the test running `withOwnBroker`, if any: `kafkaBrokers()` answers it.
    @TaskLocal static var ownBroker: String?

    /// Runs `body` with a tansu broker of its own, which `kafkaBrokers()` (and so every harness's
    /// configuration) names. For tests whose consumers read a platform topic from its beginning: on the
    /// run's shared brokers that topic holds every other suite's events, thousands on a full run, and
    /// reading through them outlasted the test's wait on busy machines.
    public static func withOwnBroker<T>(_ body: () async throws -> T) async throws -> T {
        let broker = try TansuBroker()
        try broker.start()
        defer { broker.stop() }
        return try await $ownBroker.withValue(broker.bootstrapServers) { try await body() }
    }
}

/// `@Test(…, .ownBroker)`: the test runs inside `TestEnvironment.withOwnBroker`.
public struct OwnBrokerTrait: TestTrait, TestScoping {
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TestEnvironment.withOwnBroker { try await function() }
    }
}

extension Trait where Self == OwnBrokerTrait {
    /// A tansu broker of the test's own (see `TestEnvironment.withOwnBroker`).
    public static var ownBroker: Self { Self() }
}
