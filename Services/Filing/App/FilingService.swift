import Contracts
import Foundation
import Hummingbird
import Outbox
import PersonalData
import ServiceKit

/// The filing service: monthly filings of the reporting enterprises (重点监测工业企业, 填报), their
/// windows, validation rules and versions, and the projection of identity events they need.
public enum FilingService {
    public static var definition: ServiceDefinition<FilingRuntime> {
        ServiceDefinition(
            service: .filing, bundle: .module,
            runtime: { try FilingRuntime(dependencies: $0) },
            routes: { router, runtime in
                AuditController(pool: runtime.dependencies.pool).addRoutes(to: router)
                ReferenceController(runtime: runtime).addRoutes(to: router)
                ReportingEnterprisesController(runtime: runtime).addRoutes(to: router)
                WindowsController(runtime: runtime).addRoutes(to: router)
                RulesController(runtime: runtime).addRoutes(to: router)
                FilingsController(runtime: runtime).addRoutes(to: router)
                StatisticsController(runtime: runtime).addRoutes(to: router)
                PerformanceController(runtime: runtime).addRoutes(to: router)
            },
            consumers: { runtime in
                // Keyed by the schema: offsets belong with the state they were applied to.
                let group = "filing-projections.\(runtime.dependencies.configuration.schema)"
                return [
                    ServiceConsumer(name: group, topics: [.identity], handlers: EventHandlers([IdentityProjection()])),
                    ServiceConsumer(
                        name: "filing-statistics.\(runtime.dependencies.configuration.schema)", topics: StatisticsProjection.topics,
                        handlers: EventHandlers([StatisticsProjection()]), maxBatchSize: StatisticsProjection.maxBatchSize,
                        lanes: StatisticsProjection.lanes),
                ]
            },
            jobs: { runtime in
                [
                    WindowNoticeJob(runtime: runtime).job,
                    SealedColumnRotation(
                        pool: runtime.dependencies.pool, columns: FilingDisclosure.sealedColumns, cipher: runtime.cipher,
                        logger: runtime.dependencies.logger)
                ]
            })
    }

    /// The window job's single pass, for tests and operators: the periods whose opening, closing-soon
    /// and closing were told, and how many enterprises were recorded missing.
    public static func runWindowTick(at now: Date, runtime: FilingRuntime) async throws -> (opened: [String], closingSoon: [String], closed: [String], missing: Int) {
        let result = try await WindowNoticeJob(runtime: runtime).tick(at: now)
        return (result.opened, result.closingSoon, result.closed, result.missing)
    }
}
