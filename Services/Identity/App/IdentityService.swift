import Foundation
import Hummingbird
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
            routes: { router, runtime in
                // `context.clientIP` (audit trail, sign-in limits) believes X-Forwarded-For only from the gateway.
                router.add(middleware: ClientAddressMiddleware(trusted: runtime.settings.trustedProxies))
                for controller in controllers(runtime) { controller.addRoutes(to: router) }
            },
            jobs: jobs)
    }

    /// Settings, the personal-data cipher (a missing or malformed key stops the start), signing keys.
    public static func makeRuntime(_ deps: ServiceDependencies, settings: IdentitySettings?) throws -> IdentityRuntime {
        let local = deps.configuration.environment == .local
        let cipher = try deps.personalDataCipher()
        return IdentityRuntime(deps: deps, settings: try settings ?? IdentitySettings.fromEnvironment(local: local), cipher: cipher)
    }

    /// Every route of the service, one controller per feature.
    static func controllers(_ runtime: IdentityRuntime) -> [any IdentityController] {
        [
            ReferenceController(runtime: runtime),
            SessionsController(runtime: runtime),
            PasswordChangeController(runtime: runtime),
            RefreshController(runtime: runtime),
            PersonsController(runtime: runtime),
            OfficialsController(runtime: runtime),
            AdminController(runtime: runtime),
            EnterprisesController(runtime: runtime),
            EnterpriseUpkeepController(runtime: runtime),
            EnterpriseImportController(runtime: runtime),
            MembershipsController(runtime: runtime),
            MembershipDecisionsController(runtime: runtime),
            LiaisonController(runtime: runtime),
            HelpRequestsController(runtime: runtime),
            LiaisonWorkController(runtime: runtime),
            ContactGapsController(runtime: runtime),
        ]
    }

    /// Start-up work (unit publication, demo data), then the periodic jobs unless tests run them by hand.
    static func jobs(_ runtime: IdentityRuntime) -> [any Service] {
        let startUp: [any Service] = [UnitPublisher(runtime: runtime), DemoSeeder(runtime: runtime)]
        guard runtime.settings.runsBackgroundJobs else { return startUp }
        let periodic: [any Service] = [
            MembershipExpiryJob(runtime: runtime).periodic,
            ContactGapJob(runtime: runtime).periodic,
            PersonalDataResealing.job(runtime),
        ]
        return periodic + startUp
    }
}

/// A feature's routes (every `…Controller` of the service).
protocol IdentityController {
    func addRoutes(to router: Router<AppRequestContext>)
}
