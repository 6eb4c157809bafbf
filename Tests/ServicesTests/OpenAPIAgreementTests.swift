import AppealsApp
import Contracts
import FilingApp
import Foundation
import Hummingbird
import IdentityApp
import Logging
import NotificationsApp
import PolicyApp
import ServiceKit
import Testing
import TestSupport

/// Each service's /openapi.yaml describes exactly the routes it serves: no undocumented endpoint,
/// no documented endpoint that does not exist.
@Suite("OpenAPI documents agree with the routes")
struct OpenAPIAgreementTests {
    enum Service: CaseIterable {
        case identity, policy, appeals, filing, notifications
    }

    @Test("documented operations equal registered routes", arguments: Service.allCases)
    func agree(service: Service) async throws {
        switch service {
        case .identity: try await check(IdentityService.definition)
        case .policy: try await check(PolicyService.definition)
        case .appeals: try await check(AppealsService.definition)
        case .filing: try await check(FilingService.definition)
        case .notifications: try await check(NotificationsService.definition)
        }
    }

    func check<Runtime>(_ definition: ServiceDefinition<Runtime>) async throws {
        let dependencies = try await ServiceApplication.prepare(
            definition, configuration: .forTest(definition.service), logger: Logger(label: "openapi-test"))
        let runtime = try await definition.makeRuntime(dependencies)
        let router = ServiceRouter.build(checks: [], verifier: TestTokens().verifier(), openAPI: "") { router in
            definition.routes(router, runtime)
        }
        let registered = Set(router.routes.map { OpenAPIOperations.normalized(method: "\($0.method)", path: "\($0.path)") })
        let documented = OpenAPIOperations.declared(in: definition.openAPIDocument)

        #expect(!documented.isEmpty)
        let undocumented = registered.subtracting(documented).sorted()
        let missing = documented.subtracting(registered).sorted()
        #expect(undocumented.isEmpty, "\(definition.service): routes missing from openapi.yaml: \(undocumented)")
        #expect(missing.isEmpty, "\(definition.service): openapi.yaml documents routes that do not exist: \(missing)")
        await dependencies.pool.shutdown()
    }
}
