import Contracts
import Foundation
import Outbox
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
                CompilationsController(runtime: runtime).addRoutes(to: router)
                for kind in ReferenceKind.allCases { ReferenceController(runtime: runtime, kind: kind).addRoutes(to: router) }
                PolicyLibraryController(runtime: runtime).addRoutes(to: router)
                PolicyEditingController(runtime: runtime).addRoutes(to: router)
                PolicyReviewController(runtime: runtime).addRoutes(to: router)
                PolicyAttachmentsController(runtime: runtime).addRoutes(to: router)
                InterpretationsController(runtime: runtime).addRoutes(to: router)
                RedemptionItemsController(runtime: runtime).addRoutes(to: router)
                ApplicationsController(runtime: runtime).addRoutes(to: router)
                ApplicationRatingsController(runtime: runtime).addRoutes(to: router)
                NoticesController(runtime: runtime).addRoutes(to: router)
                SubscriptionsController(runtime: runtime).addRoutes(to: router)
            },
            consumers: { runtime in
                // Keyed by the schema: offsets belong with the state they were applied to.
                let schema = runtime.dependencies.configuration.schema
                return [
                    ServiceConsumer(name: "policy-projections.\(schema)", topics: [.identity], handlers: EventHandlers([IdentityProjection()])),
                    ServiceConsumer(name: "policy-subscriptions.\(schema)", topics: [.policy], handlers: EventHandlers([SubscriptionMatcher()])),
                ]
            },
            jobs: { runtime in [ApplicationDeadlines.Scheduler(dependencies: runtime.dependencies).job] })
    }
}
