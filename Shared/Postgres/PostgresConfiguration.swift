/// Typed settings for a `PostgresPool`, read once at start-up.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection URI, e.g. `postgresql://user@127.0.0.1:25432/qinqing`.
    public var url: String
    /// The most connections the pool keeps open at once.
    public var poolSize: Int
    /// Passed to libpq as `connect_timeout` (whole seconds, at least 2 as libpq enforces).
    public var connectTimeout: Duration
    /// When set, each new connection runs `SET search_path TO "<searchPath>", public`.
    public var searchPath: String?
    /// Reported to the server as `application_name` (visible in `pg_stat_activity`).
    public var applicationName: String?

    public init(
        url: String, poolSize: Int = 10, connectTimeout: Duration = .seconds(5), searchPath: String? = nil,
        applicationName: String? = nil
    ) {
        self.url = url
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.searchPath = searchPath
        self.applicationName = applicationName
    }

    /// `connectTimeout` in whole seconds, rounded up.
    var connectTimeoutSeconds: Int {
        let (seconds, attoseconds) = connectTimeout.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
