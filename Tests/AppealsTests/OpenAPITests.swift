@testable import AppealsApp
import Foundation
import Hummingbird
import ServiceKit
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every route the service registers is in openapi.yaml, and nothing else is")
    func routesMatchDocument() async throws {
        let h = try await AppealsHarness.make()
        let router = Router(context: AppRequestContext.self)
        AppealsService.definition.routes(router, h.dependencies)
        let registered = Set(router.routes.map { route -> String in
            let path = route.path.description.split(separator: "/").map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
            return "\(route.method.rawValue.lowercased()) /\(path)"
        })
        let url = try #require(AppealsService.definition.bundle.url(forResource: "openapi", withExtension: "yaml"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var documented: Set<String> = []
        var currentPath: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("components:") {
                currentPath = nil
            } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     "),
                let method = ["get", "post", "put", "delete", "patch"].first(where: { line == "    \($0):" }) {
                documented.insert("\(method) \(path)")
            }
        }
        let platform: Set<String> = ["get /health/live", "get /health/ready", "get /metrics", "get /openapi.yaml"]
        #expect(registered.subtracting(documented).sorted() == [])
        #expect(documented.subtracting(platform).subtracting(registered).sorted() == [])
    }
}
