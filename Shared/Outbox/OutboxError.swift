/// Failures of the outbox, the relay and the inbox.
public enum OutboxError: Error, Sendable, CustomStringConvertible {
    case publishFailed(failed: Int, reason: String)

    public var description: String {
        switch self {
        case .publishFailed(let failed, let reason): "\(failed) events not published: \(reason)"
        }
    }
}
