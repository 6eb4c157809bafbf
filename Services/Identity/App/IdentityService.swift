import Foundation
import Logging
import PersonalData
import ServiceKit
import ServiceLifecycle

/// The identity service: accounts, roles, tokens, enterprise membership and the organization.
public enum IdentityService {
    public static var definition: ServiceDefinition { definition(settings: nil) }

    /// `settings` nil reads them from the environment (tests pass their own, e.g. a low bcrypt cost).
    public static func definition(settings: IdentitySettings?, onRuntime: (@Sendable (IdentityRuntime) -> Void)? = nil) -> ServiceDefinition {
        let box = RuntimeBox()
        return ServiceDefinition(
            service: .identity, bundle: .module,
            routes: { router, deps in
                do {
                    let runtime = try makeRuntime(deps, settings: settings)
                    box.set(runtime)
                    onRuntime?(runtime)
                    IdentityRoutes(runtime: runtime).addRoutes(to: router)
                } catch {
                    box.fail(error)
                }
            },
            backgroundServices: { _ in
                guard let runtime = box.runtime else { return [StartupFailure(error: box.error)] }
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

/// Hands the runtime built with the routes to the background jobs.
final class RuntimeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storedRuntime: IdentityRuntime?
    private var storedError: (any Error)?

    var runtime: IdentityRuntime? { lock.withLock { storedRuntime } }
    var error: (any Error)? { lock.withLock { storedError } }
    func set(_ runtime: IdentityRuntime) { lock.withLock { storedRuntime = runtime } }
    func fail(_ error: any Error) { lock.withLock { storedError = error } }
}

/// Stops the process when the service could not be set up (e.g. production without its keys).
struct StartupFailure: Service {
    let error: (any Error)?

    func run() async throws {
        throw IdentitySetupError("identity service setup failed: \(error.map { "\($0)" } ?? "unknown")")
    }
}
