import Foundation
import Hummingbird
import Prometheus

/// The endpoints every service has: liveness, readiness, Prometheus metrics and its OpenAPI spec.
struct PlatformController {
    let checks: [ReadinessCheck]
    let registry: PrometheusCollectorRegistry
    let openAPI: String

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health/live") { _, _ in HealthBody(status: "live", checks: [:]) }
        router.get("/health/ready") { _, _ in try await ready() }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }

    private func ready() async throws -> Response {
        let results = await withTaskGroup(of: (String, Bool).self) { group in
            for check in checks {
                group.addTask { (check.name, await check.probe()) }
            }
            var results: [String: String] = [:]
            for await (name, ok) in group {
                results[name] = ok ? "up" : "down"
            }
            return results
        }
        let ready = results.values.allSatisfy { $0 == "up" }
        let body = HealthBody(status: ready ? "ready" : "not_ready", checks: results)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !ready { headers[.retryAfter] = "5" }
        return Response(
            status: ready ? .ok : .serviceUnavailable, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(body))))
    }
}

struct HealthBody: ResponseCodable {
    var status: String
    var checks: [String: String]
}
