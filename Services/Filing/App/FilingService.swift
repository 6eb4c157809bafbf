import Foundation
import ServiceKit

/// The filing service: monthly filings of reporting enterprises, statistics and reports. Features go
/// in folders of their own (README, "Adding a feature") and their controllers are listed in `routes`.
public enum FilingService {
    public static var definition: ServiceDefinition<FilingRuntime> {
        ServiceDefinition(
            service: .filing, bundle: .module,
            runtime: { FilingRuntime(dependencies: $0) },
            routes: { router, runtime in
                AuditController(pool: runtime.dependencies.pool).addRoutes(to: router)
            })
    }
}
