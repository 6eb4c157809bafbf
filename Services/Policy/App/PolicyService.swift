import Foundation
import ServiceKit

/// The policy service: policies, interpretations, redemption, public notices and subscriptions.
/// Features go in folders of their own (README, "Adding a feature") and their controllers are
/// listed in `routes` below.
public enum PolicyService {
    public static var definition: ServiceDefinition<PolicyRuntime> {
        ServiceDefinition(
            service: .policy, bundle: .module,
            runtime: { try PolicyRuntime(dependencies: $0) },
            routes: { router, runtime in
                AuditController(pool: runtime.dependencies.pool).addRoutes(to: router)
                ChannelItemsController(runtime: runtime).addRoutes(to: router)
                AnnouncementsController(runtime: runtime).addRoutes(to: router)
                BriefingsController(runtime: runtime).addRoutes(to: router)
            })
    }
}
