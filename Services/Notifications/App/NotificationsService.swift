import Contracts
import ServiceKit

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
                InboxController(pool: runtime.pool).addRoutes(to: router)
                TemplatesController(pool: runtime.pool).addRoutes(to: router)
                RulesController(pool: runtime.pool).addRoutes(to: router)
                PreviewController(pool: runtime.pool).addRoutes(to: router)
                SettingsController(pool: runtime.pool).addRoutes(to: router)
                DeliveryLogController(runtime: runtime).addRoutes(to: router)
                SmsCallbackController(runtime: runtime).addRoutes(to: router)
                AuditController(pool: runtime.pool, readers: [.platformAdmin]).addRoutes(to: router)
            },
            consumers: { runtime in
                [ServiceConsumer(name: "events.\(runtime.deps.configuration.schema)", topics: consumedTopics, handlers: runtime.handlers())]
            },
            jobs: { runtime in [runtime.dispatcher(), runtime.phoneResealing()] })
    }
}
