import Crypto
import Foundation
import Postgres

/// Queues SMS set-based, one row per (event, recipient: an account, or an enterprise's contact
/// phone): deferred in quiet hours unless urgent, merged when the recipient got the identical text
/// within the merge window. Each row's first delivery-log entry says which. (One number addressed
/// twice for one event, as a member and as the enterprise's contact, gets one SMS: `SmsDispatcher`.)
enum SmsQueue {
    @discardableResult
    static func enqueue(
        _ message: RenderedMessage, recipients: PostgresQuery, settings: NotificationSettings,
        on connection: PostgresConnection, now: Date = Date()
    ) async throws -> Int {
        let text = message.smsText
        let hash = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let deferredUntil = message.urgent ? nil : settings.quietHours?.deferral(for: now)
        let deferred = deferredUntil != nil
        var query: PostgresQuery = """
            WITH queued AS (
                INSERT INTO sms_messages (event_id, event_type, rule_id, account_id, enterprise_id, category, title, text,
                                          text_hash, parts, urgent, status, status_reason, merged_into, next_attempt_at)
                SELECT \(message.eventID), \(message.eventType), \(message.ruleID),
                       CASE WHEN r.kind = 'account' THEN r.id END, CASE WHEN r.kind = 'enterprise' THEN r.id END,
                       \(message.category),
                       \(message.title), \(text), \(hash), \(SmsText.partCount(text)), \(message.urgent),
                       CASE WHEN prior.id IS NOT NULL THEN 'merged' WHEN \(deferred) THEN 'deferred' ELSE 'pending' END,
                       CASE WHEN prior.id IS NOT NULL THEN 'identical text sent within the merge window'
                            WHEN \(deferred) THEN 'quiet hours' END,
                       prior.id, COALESCE(\(deferredUntil), now())
                FROM (SELECT DISTINCT kind, id FROM (
            """
        query.append(recipients)
        query.append(
            """
            ) AS r0) AS r
                LEFT JOIN LATERAL (
                    SELECT s.id FROM sms_messages s
                    WHERE (r.kind = 'account' AND s.account_id = r.id OR r.kind = 'enterprise' AND s.enterprise_id = r.id)
                      AND s.text_hash = \(hash) AND s.merged_into IS NULL
                      AND s.status <> 'failed' AND s.created_at > now() - make_interval(mins => \(settings.mergeWindowMinutes)::int)
                    ORDER BY s.id LIMIT 1
                ) prior ON true
                ON CONFLICT DO NOTHING
                RETURNING id, status, status_reason
            )
            INSERT INTO sms_attempts (sms_id, attempt, outcome, detail)
            SELECT id, 0, CASE status WHEN 'pending' THEN 'queued' ELSE status END, status_reason FROM queued
            """)
        return try await connection.execute(query)
    }
}
