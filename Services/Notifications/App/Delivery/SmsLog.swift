import Foundation
import WorkCalendar
import Postgres

/// Writes an SMS's delivery-log entries (never the phone or the text).
struct SmsLog {
    let smsID: Int
    let connection: PostgresConnection

    func attempted(_ attempt: Int, outcome: String, detail: String?) async throws {
        try await connection.execute(
            "INSERT INTO sms_attempts (sms_id, attempt, outcome, detail) VALUES (\(smsID), \(attempt), \(outcome), \(detail))")
    }

    func postpone(until: Date, reason: String) async throws {
        try await connection.execute(
            """
            UPDATE sms_messages SET status = 'deferred', status_reason = \(reason), next_attempt_at = \(until),
                updated_at = now()
            WHERE id = \(smsID)
            """)
        try await connection.execute(
            """
            INSERT INTO sms_attempts (sms_id, attempt, outcome, detail)
            SELECT id, attempts, 'deferred', \(reason + " until " + EventTimeText.format(until)) FROM sms_messages WHERE id = \(smsID)
            """)
    }
}

/// A failed SMS: marked failed, logged, and its text delivered as an in-site message to the account
/// (or, for an enterprise's contact phone, to the enterprise's box).
enum SmsFallback {
    static func fail(smsID: Int, reason: String, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE sms_messages SET status = 'failed', status_reason = \(reason), updated_at = now() WHERE id = \(smsID)")
        let inserted = try await connection.execute(
            """
            INSERT INTO inbox_messages (event_id, event_type, rule_id, recipient_kind, recipient_id, category, title, body, origin)
            SELECT event_id, event_type, rule_id, CASE WHEN account_id IS NULL THEN 'enterprise' ELSE 'account' END,
                   COALESCE(account_id, enterprise_id), category, title, text, 'sms_fallback'
            FROM sms_messages WHERE id = \(smsID)
            ON CONFLICT (event_id, recipient_kind, recipient_id) DO NOTHING
            """)
        try await connection.execute(
            """
            INSERT INTO sms_attempts (sms_id, attempt, outcome, detail)
            SELECT id, attempts, 'failed', \(reason) FROM sms_messages WHERE id = \(smsID)
            """)
        try await connection.execute(
            """
            INSERT INTO sms_attempts (sms_id, attempt, outcome, detail)
            SELECT id, attempts, 'fallback_inbox', \(inserted == 1 ? "in-site message written" : "the recipient already had this event's in-site message")
            FROM sms_messages WHERE id = \(smsID)
            """)
    }
}

enum EventTimeText {
    static func format(_ date: Date) -> String { BeijingTime.minuteText(date) + " (UTC+8)" }
}
