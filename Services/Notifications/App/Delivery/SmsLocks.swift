import Foundation
import Postgres

/// The advisory locks a dispatcher pass holds until it commits: each recipient's (its hourly count is
/// read and raised by one pass at a time) and each (event, number)'s (one SMS per number and event).
/// A pass takes all of its batch's locks before it handles any SMS, in one sorted order, so two passes
/// (two instances, or the job beside a direct pass) never wait on each other in a cycle.
struct SmsLock: Hashable, Comparable {
    let namespace: Int
    let name: String

    static func recipient(_ recipient: SmsRecipient) -> SmsLock {
        SmsLock(namespace: 7, name: recipient.id.uuidString)
    }

    static func number(eventID: UUID, phoneHash: Data) -> SmsLock {
        SmsLock(namespace: 11, name: eventID.uuidString + phoneHash.base64EncodedString())
    }

    static func < (lhs: SmsLock, rhs: SmsLock) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }

    /// Waits for every lock in `locks`, in sorted order.
    static func acquire(_ locks: Set<SmsLock>, on connection: PostgresConnection) async throws {
        for lock in locks.sorted() {
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(lock.name), \(lock.namespace)))")
        }
    }
}
