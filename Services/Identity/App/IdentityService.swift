import Foundation
import Logging
import PersonalData
import ServiceKit
import ServiceLifecycle

/// The identity service: accounts, roles, tokens, enterprise membership and the organization.
public enum IdentityService {
    public static var definition: ServiceDefinition<IdentityRuntime> { definition(settings: nil) }

    /// `settings` nil reads them from the environment (tests pass their own, e.g. a low bcrypt cost).
    public static func definition(settings: IdentitySettings?) -> ServiceDefinition<IdentityRuntime> {
        ServiceDefinition(
            service: .identity, bundle: .module,
            runtime: { try makeRuntime($0, settings: settings) },
            routes: { router, runtime in IdentityRoutes(runtime: runtime).addRoutes(to: router) },
            jobs: { runtime in
                let startUp: [any Service] = [UnitPublisher(runtime: runtime), DemoSeeder(runtime: runtime)]
                guard runtime.settings.runsBackgroundJobs else { return startUp }
                return [MembershipExpiryJob(runtime: runtime), ContactGapJob(runtime: runtime), PersonalDataResealing.job(runtime)]
                    + startUp
            })
    }

    public static func makeRuntime(_ deps: ServiceDependencies, settings: IdentitySettings?) throws -> IdentityRuntime {
        let local = deps.configuration.environment == .local
        let cipher = try FieldCipher.fromEnvironment(allowDevelopmentKeys: local)
        return IdentityRuntime(deps: deps, settings: try settings ?? IdentitySettings.fromEnvironment(local: local), cipher: cipher)
    }
}
