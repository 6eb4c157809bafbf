import Foundation
import PersonalData
import Postgres
import ServiceKit

/// The SMS queue as the dispatcher and the gateway's delivery reports change it, and the local
/// provider's outbox. (Queueing is `SmsQueue`; the delivery log's entries are `SmsLog`.)
enum SmsStore {
    /// Takes up to `limit` SMS due at `now`, skipping those another dispatcher holds; they stay
    /// locked until the transaction ends.
    static func claimDue(now: Date, limit: Int, on connection: PostgresConnection) async throws -> [DueSms] {
        try await connection.query(
            """
            SELECT id, event_id, account_id, enterprise_id, text_hash, category, title, text, parts, urgent, attempts FROM sms_messages
            WHERE status IN ('pending', 'deferred', 'retrying') AND next_attempt_at <= \(now)
            ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """
        ).map(DueSms.init(row:))
    }

    static func markSent(
        _ id: Int, attempt: Int, providerID: String, phone: SealedField, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            UPDATE sms_messages SET status = 'sent', status_reason = NULL, attempts = \(attempt),
                provider_message_id = \(providerID), sent_at = \(now), phone_key_id = \(phone.keyID),
                phone_sealed = \(phone.ciphertext), updated_at = now()
            WHERE id = \(id)
            """)
    }

    static func scheduleRetry(_ id: Int, attempt: Int, reason: String, at next: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE sms_messages SET status = 'retrying', status_reason = \(reason), attempts = \(attempt),
                next_attempt_at = \(next), updated_at = now()
            WHERE id = \(id)
            """)
    }

    static func setAttempts(_ id: Int, _ attempt: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE sms_messages SET attempts = \(attempt) WHERE id = \(id)")
    }

    /// How many SMS the recipient (an account, or an enterprise's contact phone) was sent in the hour
    /// before `now`, and the oldest of them. The caller holds the recipient's `SmsLock`.
    static func lastHour(of recipient: SmsRecipient, now: Date, on connection: PostgresConnection) async throws -> (sent: Int, oldest: Date?) {
        let rows = try await connection.query(
            """
            SELECT count(*) AS sent, min(sent_at) AS oldest FROM sms_messages
            WHERE (account_id = \(recipient.accountID) OR enterprise_id = \(recipient.enterpriseID))
              AND sent_at > \(now) - interval '1 hour'
            """)
        guard let row = rows.first else { return (0, nil) }
        return (try row.decode("sent", as: Int.self), try row.decode("oldest", as: Date?.self))
    }

    /// The SMS the gateway knows by `providerMessageID`, its row locked: its id and status.
    static func lockByProviderID(_ providerMessageID: String, on connection: PostgresConnection) async throws -> (id: Int, status: String)? {
        let rows = try await connection.query(
            "SELECT id, status FROM sms_messages WHERE provider_message_id = \(providerMessageID) FOR UPDATE")
        return try rows.first.map { (try $0.decode("id", as: Int.self), try $0.decode("status", as: String.self)) }
    }

    static func markDelivered(_ id: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE sms_messages SET status = 'delivered', updated_at = now() WHERE id = \(id)")
    }

    /// One SMS of the local outbox: sent (a `local_sms` row) or held (quiet hours or the hourly
    /// limit) until `heldUntil`; the phone still sealed (a held one's from the contacts, if any).
    struct LocalRecord: Sendable {
        var id: Int?
        var smsID: Int
        var recipient: SmsRecipient
        var phone: SealedField?
        var text: String
        var parts: Int
        var status: String
        var sentAt: Date?
        var heldUntil: Date?
        var heldFor: String?
    }

    /// The held SMS first (soonest to go first), then what was sent, newest first.
    static func localOutbox(_ paging: Paging, on connection: PostgresConnection) async throws -> (items: [LocalRecord], total: Int) {
        let page = try await connection.page(
            """
            SELECT * FROM (
                SELECT id AS local_id, sms_id, account_id, enterprise_id, phone_key_id, phone_sealed, text, parts,
                       'sent' AS status, sent_at, NULL::timestamptz AS held_until, NULL::text AS held_for
                FROM local_sms
                UNION ALL
                SELECT NULL, s.id, s.account_id, s.enterprise_id, COALESCE(c.phone_key_id, e.phone_key_id),
                       COALESCE(c.phone_sealed, e.phone_sealed), s.text, s.parts, 'held', NULL, s.next_attempt_at, s.status_reason
                FROM sms_messages s LEFT JOIN contacts c USING (account_id)
                    LEFT JOIN enterprise_contacts e ON e.enterprise_id = s.enterprise_id
                WHERE s.status = 'deferred'
            ) AS outbox
            """,
            orderBy: "status = 'sent', held_until, sent_at DESC, local_id DESC", limit: paging.size, offset: paging.offset)
        let items = try page.rows.map { row in
            LocalRecord(
                id: try row.decode("local_id"), smsID: try row.decode("sms_id"), recipient: try SmsRecipient(row: row),
                phone: try row.decode("phone_key_id", as: String?.self).map {
                    SealedField(keyID: $0, ciphertext: try row.decode("phone_sealed", as: Data.self))
                },
                text: try row.decode("text"), parts: try row.decode("parts"), status: try row.decode("status"),
                sentAt: try row.decode("sent_at"), heldUntil: try row.decode("held_until"), heldFor: try row.decode("held_for"))
        }
        return (items, page.total)
    }
}

struct DueSms: Sendable {
    var id: Int
    var eventID: UUID
    var recipient: SmsRecipient
    var text: String
    var textHash: String
    var parts: Int
    var urgent: Bool
    var attempts: Int

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        eventID = try row.decode("event_id")
        recipient = try SmsRecipient(row: row)
        text = try row.decode("text")
        textHash = try row.decode("text_hash")
        parts = try row.decode("parts")
        urgent = try row.decode("urgent")
        attempts = try row.decode("attempts")
    }
}
