import Hummingbird
import Prometheus

/// Assembles a service's router: security headers, request ids, JSON errors and token verification around the
/// platform endpoints and the service's own routes.
public enum ServiceRouter {
    public static func build(
        checks: [ReadinessCheck],
        verifier: TokenVerifier,
        openAPI: String,
        registry: PrometheusCollectorRegistry = MetricsSetup.bootstrap(),
        routes: (Router<AppRequestContext>) -> Void
    ) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestIDMiddleware())
        // Outside the error middleware, so an error is already a response when it is measured: its
        // duration and status are counted like any other (Hummingbird's middleware times only responses).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthenticationMiddleware(verifier: verifier))
        PlatformController(checks: checks, registry: registry, openAPI: openAPI).addRoutes(to: router)
        routes(router)
        return router
    }
}
