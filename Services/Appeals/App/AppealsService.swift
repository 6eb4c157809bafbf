import Contracts
import Foundation
import Hummingbird
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
                let dependencies = runtime.dependencies
                CalendarController(dependencies: dependencies).register(on: router)
                ReferenceController(dependencies: dependencies).register(on: router)
                DeadlineSchemesController(dependencies: dependencies).register(on: router)
                RegisterController(dependencies: dependencies).register(on: router)
                OfficialRatingsController(dependencies: dependencies).register(on: router)
                AttachmentsController(dependencies: dependencies).register(on: router)
                AuditController(dependencies: dependencies).register(on: router)
                for kind in CaseKind.allCases {
                    CasesController(kind: kind, dependencies: dependencies, cipher: runtime.cipher).register(on: router)
                }
            },
            consumers: { runtime in
                // The group is keyed by the schema: offsets belong with the state they were applied to
                // (instances sharing a schema share the group; test schemas never steal each other's records).
                let group = "appeals-projections.\(runtime.dependencies.configuration.schema)"
                return [ServiceConsumer(name: group, topics: [.identity], handlers: IdentityProjections.handlers)]
            },
            jobs: { runtime in
                [DeadlineScheduler(dependencies: runtime.dependencies), ContactResealing.job(runtime.dependencies, cipher: runtime.cipher)]
            })
    }

    /// The scheduler's single pass, for tests and operators.
    public static func runDeadlineTick(at now: Date, dependencies: ServiceDependencies) async throws -> (dueSoon: Int, overdue: Int, autoClosed: Int) {
        let result = try await DeadlineScheduler(dependencies: dependencies).tick(at: now)
        return (result.dueSoon, result.overdue, result.autoClosed)
    }
}
