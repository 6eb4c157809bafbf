import Foundation
import ServiceLifecycle

/// Seeds demo accounts and enterprises once at start-up of a local run (see README), then idles.
final class DemoSeeder: Service, Sendable {
    let runtime: IdentityRuntime

    init(runtime: IdentityRuntime) {
        self.runtime = runtime
    }

    func run() async throws {
        if runtime.settings.seedDemoData {
            do {
                try await DemoData(runtime: runtime).seed()
            } catch {
                runtime.logger.warning("demo data could not be seeded", metadata: ["error": "\(type(of: error))"])
            }
        }
        try? await gracefulShutdown()
    }
}
