import Metrics
import Prometheus
import Synchronization

/// The process's Prometheus registry; swift-metrics is bootstrapped with it once per process.
public enum MetricsSetup {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Bootstraps metrics (first call only) and returns the registry `/metrics` serves.
    @discardableResult
    public static func bootstrap() -> PrometheusCollectorRegistry { registry }
}
