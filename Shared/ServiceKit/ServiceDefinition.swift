import Contracts
import Foundation
import Hummingbird
import Outbox
import ServiceLifecycle

/// One inbox consumer of a service: its name (also the Kafka consumer group), topics, and handlers.
public struct ServiceConsumer: Sendable {
    public var name: String
    public var topics: [Topic]
    public var handlers: EventHandlers
    /// The most records fetched and applied together (through the batch handlers).
    public var maxBatchSize: Int
    /// Transactions a batch of batch-handled events is split into by subject and applied at once
    /// (`EventConsumer`); 1 keeps every batch in one transaction.
    public var lanes: Int

    public init(name: String, topics: [Topic], handlers: EventHandlers, maxBatchSize: Int = 500, lanes: Int = 1) {
        self.name = name
        self.topics = topics
        self.handlers = handlers
        self.maxBatchSize = maxBatchSize
        self.lanes = lanes
    }
}

/// What makes one service itself. `makeRuntime` builds, once at start-up, everything the service's
/// routes, consumers and jobs share (settings, cipher, stores, clients); a missing or malformed
/// setting throws there and stops the process with the variable named. The other three receive
/// that one runtime. ServiceKit does the rest (HTTP, relay, migrations, health, metrics).
public struct ServiceDefinition<Runtime: Sendable>: Sendable {
    public var service: ProducingService
    /// Holds `Migrations/NNNN_name.sql` and `openapi.yaml`.
    public var bundle: Bundle
    public var makeRuntime: @Sendable (ServiceDependencies) async throws -> Runtime
    public var routes: @Sendable (Router<AppRequestContext>, Runtime) -> Void
    public var consumers: @Sendable (Runtime) -> [ServiceConsumer]
    public var jobs: @Sendable (Runtime) -> [any Service]

    public init(
        service: ProducingService,
        bundle: Bundle,
        runtime: @escaping @Sendable (ServiceDependencies) async throws -> Runtime,
        routes: @escaping @Sendable (Router<AppRequestContext>, Runtime) -> Void = { _, _ in },
        consumers: @escaping @Sendable (Runtime) -> [ServiceConsumer] = { _ in [] },
        jobs: @escaping @Sendable (Runtime) -> [any Service] = { _ in [] }
    ) {
        self.service = service
        self.bundle = bundle
        self.makeRuntime = runtime
        self.routes = routes
        self.consumers = consumers
        self.jobs = jobs
    }

    public var openAPIDocument: String {
        guard let url = bundle.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "openapi: 3.1.0\ninfo: {title: \(service.rawValue), version: '0'}\npaths: {}\n" }
        return text
    }

    var migrationsDirectory: URL? { bundle.url(forResource: "Migrations", withExtension: nil) }
}

extension ServiceDefinition where Runtime == ServiceDependencies {
    /// A service whose runtime is just the shared dependencies (no settings or keys of its own yet).
    public init(
        service: ProducingService,
        bundle: Bundle,
        routes: @escaping @Sendable (Router<AppRequestContext>, ServiceDependencies) -> Void = { _, _ in },
        consumers: @escaping @Sendable (ServiceDependencies) -> [ServiceConsumer] = { _ in [] },
        jobs: @escaping @Sendable (ServiceDependencies) -> [any Service] = { _ in [] }
    ) {
        self.init(
            service: service, bundle: bundle, runtime: { $0 }, routes: routes, consumers: consumers, jobs: jobs)
    }
}
