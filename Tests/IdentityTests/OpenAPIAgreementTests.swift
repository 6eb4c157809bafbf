import Foundation
import Hummingbird
@testable import IdentityApp
import ServiceKit
import Testing

@Suite("OpenAPI document")
struct OpenAPIAgreementTests {
    static let platform: Set<String> = ["GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.yaml"]

    @Test("the routes the service registers and the document's paths and methods are the same")
    func agree() async throws {
        try await IdentityHarness.run { client, harness in
            let router = Router(context: AppRequestContext.self)
            IdentityRoutes(runtime: harness.runtime).addRoutes(to: router)
            let registered = Set(router.routes.map { route in
                let path = route.path.description.split(separator: "/").map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            })
            let served = try await client.call(.get, "/openapi.yaml")
            let documented = Self.operations(served.text).subtracting(Self.platform)
            #expect(!registered.isEmpty)
            #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
            #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
        }
    }

    /// `METHOD /path` for every operation under `paths:` (two-space paths, four-space methods).
    static func operations(_ yaml: String) -> Set<String> {
        var result: Set<String> = []
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(key)) {
                    result.insert("\(key.uppercased()) \(path)")
                }
            }
        }
        return result
    }
}
