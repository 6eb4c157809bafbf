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
    static let definitions: [ServiceDefinition] = [
        IdentityService.definition, PolicyService.definition, AppealsService.definition,
        FilingService.definition, NotificationsService.definition,
    ]

    @Test("documented operations equal registered routes", arguments: definitions.indices)
    func agree(index: Int) async throws {
        let definition = Self.definitions[index]
        let dependencies = try await ServiceApplication.prepare(
            definition, configuration: .forTest(definition.service), logger: Logger(label: "openapi-test"))
        let router = ServiceRouter.build(checks: [], verifier: TestTokens().verifier(), openAPI: "") { router in
            definition.routes(router, dependencies)
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
