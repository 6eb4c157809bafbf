import Contracts
import Foundation
import Hummingbird
import Outbox
import ServiceLifecycle

/// What makes one service itself: its routes, the events it consumes, its background work, and
/// the bundle holding its migrations and OpenAPI document. ServiceKit does the rest.
public struct ServiceDefinition: Sendable {
    /// One inbox consumer: its name (also the Kafka consumer group), topics, and handlers.
    public struct Consumer: Sendable {
        public var name: String
        public var topics: [Topic]
        public var handlers: EventHandlers

        public init(name: String, topics: [Topic], handlers: EventHandlers) {
            self.name = name
            self.topics = topics
            self.handlers = handlers
        }
    }

    public var service: ProducingService
    /// Holds `Migrations/NNNN_name.sql` and `openapi.yaml`.
    public var bundle: Bundle
    public var routes: @Sendable (Router<AppRequestContext>, ServiceDependencies) -> Void
    public var consumers: @Sendable (ServiceDependencies) -> [Consumer]
    public var backgroundServices: @Sendable (ServiceDependencies) -> [any Service]

    public init(
        service: ProducingService,
        bundle: Bundle,
        routes: @escaping @Sendable (Router<AppRequestContext>, ServiceDependencies) -> Void = { _, _ in },
        consumers: @escaping @Sendable (ServiceDependencies) -> [Consumer] = { _ in [] },
        backgroundServices: @escaping @Sendable (ServiceDependencies) -> [any Service] = { _ in [] }
    ) {
        self.service = service
        self.bundle = bundle
        self.routes = routes
        self.consumers = consumers
        self.backgroundServices = backgroundServices
    }

    var migrationsDirectory: URL? { bundle.url(forResource: "Migrations", withExtension: nil) }

    public var openAPIDocument: String {
        guard let url = bundle.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "openapi: 3.1.0\ninfo: {title: \(service.rawValue), version: '0'}\npaths: {}\n" }
        return text
    }
}
