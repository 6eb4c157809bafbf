import Foundation
import Hummingbird
@testable import NotificationsApp
import ServiceKit
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("describes exactly the routes the service registers")
    func routesMatchDocument() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let router = Router(context: AppRequestContext.self)
        NotificationsService.definition.routes(router, fixture.deps)
        let registered = Set(router.routes.map { "\($0.method.rawValue) \(Self.normalize("\($0.path)"))" })

        let url = try #require(Bundle.module.url(forResource: "openapi", withExtension: "yaml")
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../Services/Notifications/App/openapi.yaml"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var documented = Set<String>()
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("  "), !line.hasPrefix("   ") {
                path = nil
            } else if let current = path,
                let method = ["get", "post", "put", "delete", "patch"].first(where: { line == "    \($0):" })
            {
                documented.insert("\(method.uppercased()) \(Self.normalize(current))")
            }
            if !line.hasPrefix(" ") { path = nil }
        }
        let platform: Set<String> = ["GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.yaml"]
        #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(platform).subtracting(registered).isEmpty,
                "documented but not registered: \(documented.subtracting(platform).subtracting(registered).sorted())")
        #expect(registered.count >= 20)
    }

    /// `{id}` and `:id` both become `{}`.
    static func normalize(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix("{") || $0.hasPrefix(":") ? "{}" : String($0) }
            .reduce("") { $0 + "/" + $1 }
    }
}
