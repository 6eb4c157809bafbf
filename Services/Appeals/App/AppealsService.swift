import Contracts
import Foundation
import Hummingbird
import Outbox
import PersonalData
import ServiceKit
import ServiceLifecycle

/// The appeals service: appeals and complaints, their deadlines on the official calendar,
/// escalation, and the projections of identity events they need.
public enum AppealsService {
    public static var definition: ServiceDefinition<AppealsRuntime> {
        definition { try AppealsRuntime(dependencies: $0) }
    }

    /// `runtime` builds the runtime from the dependencies (tests pass their own keys, e.g. to rotate them).
    public static func definition(
        runtime: @escaping @Sendable (ServiceDependencies) throws -> AppealsRuntime
    ) -> ServiceDefinition<AppealsRuntime> {
        ServiceDefinition(
            service: .appeals, bundle: .module,
            runtime: { try runtime($0) },
            routes: { router, runtime in
                CalendarController(runtime: runtime).addRoutes(to: router)
                ReferenceController(runtime: runtime).addRoutes(to: router)
                DeadlineSchemesController(runtime: runtime).addRoutes(to: router)
                RegisterController(runtime: runtime).addRoutes(to: router)
                OfficialRatingsController(runtime: runtime).addRoutes(to: router)
                AttachmentsController(runtime: runtime).addRoutes(to: router)
                AppealsAuditController(runtime: runtime).addRoutes(to: router)
                for kind in CaseKind.allCases {
                    CasesController(kind: kind, runtime: runtime).addRoutes(to: router)
                }
            },
            consumers: { runtime in
                // The group is keyed by the schema: offsets belong with the state they were applied to
                // (instances sharing a schema share the group; test schemas never steal each other's records).
                let group = "appeals-projections.\(runtime.dependencies.configuration.schema)"
                return [ServiceConsumer(name: group, topics: [.identity], handlers: EventHandlers([IdentityProjection()]))]
            },
            jobs: { runtime in
                [
                    DeadlineScheduler(dependencies: runtime.dependencies).job,
                    SealedColumnRotation(
                        pool: runtime.dependencies.pool, columns: SealedContacts.columns, cipher: runtime.cipher,
                        logger: runtime.dependencies.logger),
                ]
            })
    }

    /// The scheduler's single pass, for tests and operators.
    public static func runDeadlineTick(at now: Date, dependencies: ServiceDependencies) async throws -> (dueSoon: Int, overdue: Int, autoClosed: Int) {
        let result = try await DeadlineScheduler(dependencies: dependencies).tick(at: now)
        return (result.dueSoon, result.overdue, result.autoClosed)
    }
}
