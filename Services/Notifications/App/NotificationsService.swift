import Contracts
import Foundation
import Logging
import Outbox
import PersonalData
import ServiceKit
import ServiceLifecycle

/// The notifications service: turns events into SMS and in-site messages by rules kept as data,
/// and delivers each once.
public enum NotificationsService {
    /// The topics whose events rules may react to (identity's restricted contacts topic carries phones).
    static let consumedTopics: [Topic] = [.identity, .identityContacts, .appeals, .policy, .filing]

    public static var definition: ServiceDefinition<NotificationsRuntime> {
        ServiceDefinition(
            service: .notifications, bundle: .module,
            runtime: { try NotificationsRuntime($0) },
            routes: { router, runtime in
                let pool = runtime.deps.pool
                InboxController(pool: pool).addRoutes(to: router)
                TemplatesController(pool: pool).addRoutes(to: router)
                RulesController(pool: pool).addRoutes(to: router)
                PreviewController(pool: pool).addRoutes(to: router)
                SettingsController(pool: pool).addRoutes(to: router)
                DeliveryLogController(pool: pool, cipher: runtime.cipher).addRoutes(to: router)
                SmsCallbackController(
                    pool: pool, cipher: runtime.cipher, secret: runtime.sms.http?.secret,
                    showsLocalOutbox: runtime.deps.configuration.environment == .local
                ).addRoutes(to: router)
            },
            consumers: { runtime in
                [ServiceConsumer(name: "events.\(runtime.deps.configuration.schema)", topics: consumedTopics, handlers: runtime.handlers())]
            },
            jobs: { runtime in [runtime.dispatcher(), PhoneResealing.job(runtime)] })
    }
}

/// What the routes, the consumer and the dispatcher share, built from the dependencies and the
/// environment. Production refuses to start without personal-data keys.
public struct NotificationsRuntime: Sendable {
    let deps: ServiceDependencies
    let cipher: FieldCipher
    let sms: SmsConfiguration

    init(_ deps: ServiceDependencies, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.deps = deps
        self.cipher = try FieldCipher.fromEnvironment(
            environment, allowDevelopmentKeys: deps.configuration.environment == .local)
        self.sms = try SmsConfiguration(environment: environment, deployment: deps.configuration.environment)
    }

    var contacts: ContactProjection { ContactProjection(cipher: cipher) }

    var router: EventRouter { EventRouter(contacts: contacts, rules: RuleEngine(logger: deps.logger)) }

    func handlers() -> EventHandlers {
        var handlers = EventHandlers()
        let router = self.router
        handlers.onEveryOtherType { envelope, connection in
            try await router.apply(envelope, on: connection)
        }
        return handlers
    }

    func provider() -> any SmsProvider {
        if let http = sms.http { return HTTPSmsProvider(configuration: http) }
        return LocalSmsProvider(cipher: cipher)
    }

    func dispatcher() -> SmsDispatcher {
        SmsDispatcher(pool: deps.pool, provider: provider(), contacts: contacts, logger: deps.logger)
    }
}

/// `QINQING_SMS_PROVIDER` = `local` (default in the local run) or `http` with `QINQING_SMS_URL`,
/// `QINQING_SMS_ACCESS_KEY` and `QINQING_SMS_SECRET`. Production must use `http`.
struct SmsConfiguration: Sendable {
    var http: HTTPSmsProvider.Configuration?

    init(environment: [String: String], deployment: ServiceConfiguration.Environment) throws {
        let kind = environment["QINQING_SMS_PROVIDER"] ?? (deployment == .local ? "local" : "http")
        switch kind {
        case "local" where deployment == .local:
            http = nil
        case "http":
            guard let text = environment["QINQING_SMS_URL"], let url = URL(string: text), url.scheme?.hasPrefix("http") == true
            else { throw ConfigurationError(variable: "QINQING_SMS_URL") }
            guard let key = environment["QINQING_SMS_ACCESS_KEY"], !key.isEmpty else {
                throw ConfigurationError(variable: "QINQING_SMS_ACCESS_KEY")
            }
            guard let secret = environment["QINQING_SMS_SECRET"], secret.count >= 16 else {
                throw ConfigurationError(variable: "QINQING_SMS_SECRET")
            }
            http = .init(url: url, accessKey: key, secret: secret)
        default:
            throw ConfigurationError(variable: "QINQING_SMS_PROVIDER")
        }
    }
}
