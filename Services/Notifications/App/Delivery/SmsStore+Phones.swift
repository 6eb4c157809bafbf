import Foundation
import Postgres

/// One number, one SMS per event and text: a member's phone may also be the enterprise's contact
/// phone, and both are addressed when the enterprise is texted.
extension SmsStore {
    /// Another SMS of this event with this text that is going or went to the number (by the cipher's
    /// lookup hash), if any; else marks this SMS as using the number. The caller holds the
    /// (event, number) `SmsLock`, so dispatchers decide one at a time.
    static func claimNumber(for sms: DueSms, phoneHash: Data, on connection: PostgresConnection) async throws -> Int? {
        let rows = try await connection.query(
            """
            SELECT id FROM sms_messages
            WHERE event_id = \(sms.eventID) AND phone_hash = \(phoneHash) AND text_hash = \(sms.textHash) AND id <> \(sms.id)
              AND status IN ('pending', 'deferred', 'retrying', 'sent', 'delivered')
            ORDER BY id LIMIT 1
            """)
        if let other = try rows.first?.decode("id", as: Int.self) { return other }
        try await connection.execute("UPDATE sms_messages SET phone_hash = \(phoneHash) WHERE id = \(sms.id)")
        return nil
    }

    /// The SMS is not sent: the number already gets this event's text through `other`.
    static func markMerged(_ id: Int, into other: Int, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE sms_messages SET status = 'merged', status_reason = 'the same number gets this text for this event',
                merged_into = \(other), updated_at = now()
            WHERE id = \(id)
            """)
    }
}
