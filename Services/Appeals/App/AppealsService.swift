import Contracts
import Foundation
import Hummingbird
import PersonalData
import ServiceKit
import ServiceLifecycle

/// The appeals service: appeals and complaints, their deadlines on the official calendar,
/// escalation, and the projections of identity events they need.
public enum AppealsService {
    public static var definition: ServiceDefinition { definition(cipher: nil) }

    /// `cipher` nil reads the personal-data keys from the environment (tests pass their own, e.g. to
    /// rotate keys).
    public static func definition(cipher given: (@Sendable () throws -> FieldCipher)?) -> ServiceDefinition {
        ServiceDefinition(
            service: .appeals, bundle: .module,
            routes: { router, dependencies in
                let cipher = given ?? environmentCipher(dependencies)
                CalendarController(dependencies: dependencies).register(on: router)
                ReferenceController(dependencies: dependencies).register(on: router)
                DeadlineSchemesController(dependencies: dependencies).register(on: router)
                RegisterController(dependencies: dependencies).register(on: router)
                OfficialRatingsController(dependencies: dependencies).register(on: router)
                AttachmentsController(dependencies: dependencies).register(on: router)
                AuditController(dependencies: dependencies).register(on: router)
                for kind in CaseKind.allCases {
                    CasesController(kind: kind, dependencies: dependencies, cipher: cipher).register(on: router)
                }
            },
            consumers: { dependencies in
                // The group is keyed by the schema: offsets belong with the state they were applied to
                // (instances sharing a schema share the group; test schemas never steal each other's records).
                let group = "appeals-projections.\(dependencies.configuration.schema)"
                return [ServiceDefinition.Consumer(name: group, topics: [.identity], handlers: IdentityProjections.handlers)]
            },
            backgroundServices: { dependencies in
                var services: [any Service] = [DeadlineScheduler(dependencies: dependencies)]
                do {
                    services.append(ContactResealing.job(dependencies, cipher: try (given ?? environmentCipher(dependencies))()))
                } catch {
                    // Without keys no request can touch personal data either; the routes report it.
                    dependencies.logger.error("personal-data keys unavailable: contacts are not re-sealed", metadata: ["error": "\(error)"])
                }
                return services
            })
    }

    static func environmentCipher(_ dependencies: ServiceDependencies) -> @Sendable () throws -> FieldCipher {
        let local = dependencies.configuration.environment == .local
        return { try FieldCipher.fromEnvironment(allowDevelopmentKeys: local) }
    }

    /// The scheduler's single pass, for tests and operators.
    public static func runDeadlineTick(at now: Date, dependencies: ServiceDependencies) async throws -> (dueSoon: Int, overdue: Int, autoClosed: Int) {
        let result = try await DeadlineScheduler(dependencies: dependencies).tick(at: now)
        return (result.dueSoon, result.overdue, result.autoClosed)
    }
}
