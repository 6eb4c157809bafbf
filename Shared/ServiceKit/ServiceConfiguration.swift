import Contracts
import Foundation
import Logging

/// A service's settings, read once from environment variables at start-up. Every setting has a
/// default that works for the local run (`./dev up`).
public struct ServiceConfiguration: Sendable {
    public enum Environment: String, Sendable {
        /// Loopback, the tansu broker, demo data.
        case local
        case production
    }

    public var service: ProducingService
    public var environment: Environment
    public var host: String
    public var port: Int
    public var postgresURL: String
    public var postgresPoolSize: Int
    /// The PostgreSQL schema the service owns.
    public var schema: String
    public var kafkaBrokers: String
    public var identityURL: String
    public var logLevel: Logger.Level
    public var outboxRetention: Duration
    /// How long a public list's answer is served from memory (`PublicListCache`); zero: not at all.
    public var publicListCacheLifetime: Duration

    public static let defaultPorts: [ProducingService: Int] = [
        .identity: 8101, .policy: 8102, .appeals: 8103, .filing: 8104, .notifications: 8105,
    ]

    /// Reads `QINQING_*` variables; a malformed value is an error naming the variable.
    public init(
        service: ProducingService,
        environment variables: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let reader = EnvironmentReader(variables: variables)
        let name = service.rawValue
        self.service = service
        self.environment = try reader.value("QINQING_ENVIRONMENT", default: .local) {
            Environment(rawValue: $0)
        }
        self.host = reader.string("QINQING_HTTP_HOST", default: "127.0.0.1")
        self.port = try reader.value(
            "QINQING_\(name.uppercased())_PORT", default: Self.defaultPorts[service] ?? 8100
        ) { Int($0).flatMap { (0...65535).contains($0) ? $0 : nil } }
        self.postgresURL = reader.string(
            "QINQING_POSTGRES_URL", default: "postgresql://qinqing_\(name)@127.0.0.1:15432/qinqing")
        self.postgresPoolSize = try reader.value("QINQING_POSTGRES_POOL_SIZE", default: 10) {
            Int($0).flatMap { $0 > 0 ? $0 : nil }
        }
        self.schema = reader.string("QINQING_POSTGRES_SCHEMA", default: name)
        self.kafkaBrokers = reader.string("QINQING_KAFKA_BROKERS", default: "127.0.0.1:19092")
        self.identityURL = reader.string("QINQING_IDENTITY_URL", default: "http://127.0.0.1:8101")
        self.logLevel = try reader.value("QINQING_LOG_LEVEL", default: .info) { Logger.Level(rawValue: $0) }
        let retentionDays = try reader.value("QINQING_OUTBOX_RETENTION_DAYS", default: 7) {
            Int($0).flatMap { $0 >= 1 ? $0 : nil }
        }
        self.outboxRetention = .seconds(retentionDays * 24 * 3600)
        let cacheSeconds = try reader.value("QINQING_PUBLIC_LIST_CACHE_SECONDS", default: 2) {
            Int($0).flatMap { (0...300).contains($0) ? $0 : nil }
        }
        self.publicListCacheLifetime = .seconds(cacheSeconds)
    }
}

/// Reads typed values from environment variables.
struct EnvironmentReader {
    let variables: [String: String]

    func string(_ name: String, default value: String) -> String {
        guard let text = variables[name], !text.isEmpty else { return value }
        return text
    }

    func value<T>(_ name: String, default value: T, parse: (String) -> T?) throws -> T {
        guard let text = variables[name], !text.isEmpty else { return value }
        guard let parsed = parse(text) else { throw ConfigurationError(variable: name) }
        return parsed
    }
}

/// A malformed environment variable; the message names it (never its value, which may be secret).
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public let variable: String

    public init(variable: String) {
        self.variable = variable
    }

    public var description: String { "environment variable \(variable) has an invalid value" }
}
