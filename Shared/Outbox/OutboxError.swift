/// Failures of the outbox, the relay and the inbox.
public enum OutboxError: Error, Sendable, CustomStringConvertible {
    case missingMigrations
    case publishFailed(failed: Int, reason: String)

    public var description: String {
        switch self {
        case .missingMigrations: "the outbox migrations are missing from the bundle"
        case .publishFailed(let failed, let reason): "\(failed) events not published: \(reason)"
        }
    }
}
