import Foundation
import PersonalData
import Postgres
import ServiceKit

/// The SMS delivery log as admins read it: the queued messages and every attempt of each.
enum DeliveryLogStore {
    static let statuses = ["pending", "deferred", "retrying", "sent", "delivered", "merged", "failed"]

    struct Filter: Sendable {
        var accountID: UUID?
        var enterpriseID: UUID?
        var eventID: UUID?
        var eventType: String?
        var status: String?
        var from: Date?
        var to: Date?
    }

    /// One queued SMS as the log shows it; `phone` is filled in by whoever may disclose it.
    struct Sms: Codable, Sendable {
        var id: Int
        var eventID: UUID
        var eventType: String
        var ruleID: String
        /// The account addressed, or (its contact phone) the enterprise; exactly one is set.
        var accountID: UUID?
        var enterpriseID: UUID?
        var phone: String?
        var text: String
        var parts: Int
        var urgent: Bool
        var status: String
        var statusReason: String?
        var attempts: Int
        var nextAttemptAt: Date
        /// When a held (`deferred`: quiet hours or the hourly limit) SMS will go; nil otherwise.
        var heldUntil: Date?
        var providerMessageID: String?
        var createdAt: Date
        var sentAt: Date?
        var log: [Attempt]?
    }

    /// One `sms_messages` row: the SMS without its phone, and the phone still sealed.
    struct Record: Sendable {
        var sms: Sms
        var sealedPhone: SealedField?

        init(row: PostgresRow) throws {
            sms = Sms(
                id: try row.decode("id"), eventID: try row.decode("event_id"), eventType: try row.decode("event_type"),
                ruleID: try row.decode("rule_id"), accountID: try row.decode("account_id"),
                enterpriseID: try row.decode("enterprise_id"), phone: nil,
                text: try row.decode("text"), parts: try row.decode("parts"), urgent: try row.decode("urgent"),
                status: try row.decode("status"), statusReason: try row.decode("status_reason"),
                attempts: try row.decode("attempts"), nextAttemptAt: try row.decode("next_attempt_at"),
                heldUntil: try row.decode("status", as: String.self) == "deferred" ? try row.decode("next_attempt_at") : nil,
                providerMessageID: try row.decode("provider_message_id"), createdAt: try row.decode("created_at"),
                sentAt: try row.decode("sent_at"), log: nil)
            if let keyID = try row.decode("phone_key_id", as: String?.self), let sealed = try row.decode("phone_sealed", as: Data?.self) {
                sealedPhone = SealedField(keyID: keyID, ciphertext: sealed)
            }
        }
    }

    struct Attempt: Codable, Sendable {
        var attempt: Int
        var outcome: String
        var detail: String?
        var at: Date
    }

    static func search(_ filter: Filter, paging: Paging, on connection: PostgresConnection) async throws -> (items: [Record], total: Int) {
        var query: PostgresQuery = "SELECT * FROM sms_messages WHERE true"
        if let account = filter.accountID { query.append(" AND account_id = \(account)") }
        if let enterprise = filter.enterpriseID { query.append(" AND enterprise_id = \(enterprise)") }
        if let event = filter.eventID { query.append(" AND event_id = \(event)") }
        if let type = filter.eventType { query.append(" AND event_type = \(type)") }
        if let status = filter.status { query.append(" AND status = \(status)") }
        if let from = filter.from { query.append(" AND created_at >= \(from)") }
        if let to = filter.to { query.append(" AND created_at < \(to)") }
        let rows = try await connection.page(query, orderBy: "created_at DESC, id DESC", limit: paging.size, offset: paging.offset)
        return (try rows.rows.map(Record.init(row:)), rows.total)
    }

    static func record(_ id: Int, on connection: PostgresConnection) async throws -> Record? {
        try await connection.query("SELECT * FROM sms_messages WHERE id = \(id)").first.map(Record.init(row:))
    }

    static func attempts(of id: Int, on connection: PostgresConnection) async throws -> [Attempt] {
        try await connection.query("SELECT * FROM sms_attempts WHERE sms_id = \(id) ORDER BY id").map { row in
            Attempt(
                attempt: try row.decode("attempt"), outcome: try row.decode("outcome"), detail: try row.decode("detail"),
                at: try row.decode("at"))
        }
    }

    /// The SMS's status, its row locked until the transaction ends; nil when there is no such SMS.
    static func lockStatus(_ id: Int, on connection: PostgresConnection) async throws -> String? {
        try await connection.query("SELECT status FROM sms_messages WHERE id = \(id) FOR UPDATE").first?.decode("status", as: String.self)
    }

    /// Queues the SMS again with its attempts reset, and logs the request.
    static func requeue(_ id: Int, on connection: PostgresConnection) async throws -> Record? {
        let rows = try await connection.query(
            """
            UPDATE sms_messages SET status = 'pending', status_reason = 'resend requested', attempts = 0,
                next_attempt_at = now(), updated_at = now()
            WHERE id = \(id) RETURNING *
            """)
        try await connection.execute(
            "INSERT INTO sms_attempts (sms_id, attempt, outcome, detail) VALUES (\(id), 0, 'resend', 'requested by a platform admin')")
        return try rows.first.map(Record.init(row:))
    }
}
