import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// The SMS delivery log: search by recipient, event, status and time; one message with every
/// attempt; resend of a failed one. Platform admins see phones whole; inspectors see them masked.
struct DeliveryLogController {
    let pool: PostgresPool
    let cipher: FieldCipher

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/sms") { request, context in try await search(request, context) }
        router.get("/admin/sms/{id}") { _, context in try await detail(context) }
        router.post("/admin/sms/{id}/resend") { _, context in try await resend(context) }
    }

    struct Attempt: Codable, Sendable {
        var attempt: Int
        var outcome: String
        var detail: String?
        var at: String
    }

    struct Entry: ResponseCodable {
        var id: Int
        var eventId: UUID
        var eventType: String
        var ruleId: String
        var accountId: UUID
        var phone: String?
        var text: String
        var parts: Int
        var urgent: Bool
        var status: String
        var statusReason: String?
        var attempts: Int
        var nextAttemptAt: String
        var providerMessageId: String?
        var createdAt: String
        var sentAt: String?
        var log: [Attempt]?
    }

    func entry(_ row: PostgresRow, showPhone: Bool) throws -> Entry {
        var phone: String?
        if let keyID = try row.decode("phone_key_id", as: String?.self), let sealed = try row.decode("phone_sealed", as: Data?.self) {
            let plain = try cipher.open(SealedField(keyID: keyID, ciphertext: sealed))
            phone = showPhone ? plain : Mask.phone(plain)
        }
        return Entry(
            id: try row.decode("id"), eventId: try row.decode("event_id"), eventType: try row.decode("event_type"),
            ruleId: try row.decode("rule_id"), accountId: try row.decode("account_id"), phone: phone,
            text: try row.decode("text"), parts: try row.decode("parts"), urgent: try row.decode("urgent"),
            status: try row.decode("status"), statusReason: try row.decode("status_reason"),
            attempts: try row.decode("attempts"),
            nextAttemptAt: EventTime.format(try row.decode("next_attempt_at", as: Date.self)),
            providerMessageId: try row.decode("provider_message_id"),
            createdAt: EventTime.format(try row.decode("created_at", as: Date.self)),
            sentAt: try row.decode("sent_at", as: Date?.self).map(EventTime.format), log: nil)
    }

    static let statuses = ["pending", "deferred", "retrying", "sent", "delivered", "merged", "failed"]

    func search(_ request: Request, _ context: AppRequestContext) async throws -> Page<Entry> {
        let principal = try context.requireRole("platformAdmin", "inspector")
        let input = QueryInput(request: request)
        let paging = try Paging(request)
        var filter: PostgresQuery = " WHERE true"
        if let account = try input.uuid("accountId") { filter.append(" AND account_id = \(account)") }
        if let event = try input.uuid("eventId") { filter.append(" AND event_id = \(event)") }
        if let type = input.string("eventType") { filter.append(" AND event_type = \(type)") }
        if let status = try input.oneOf("status", Self.statuses) { filter.append(" AND status = \(status)") }
        if let from = try input.date("from") { filter.append(" AND created_at >= \(from)") }
        if let to = try input.date("to") { filter.append(" AND created_at < \(to)") }
        let showPhone = principal.hasRole("platformAdmin")
        return try await pool.withConnection { connection in
            var count: PostgresQuery = "SELECT count(*) AS n FROM sms_messages"
            count.append(filter)
            let total = try await connection.query(count).first?.decode("n", as: Int.self) ?? 0
            var select: PostgresQuery = "SELECT * FROM sms_messages"
            select.append(filter)
            select.append(" ORDER BY created_at DESC, id DESC LIMIT \(paging.size) OFFSET \(paging.offset)")
            let rows = try await connection.query(select)
            return Page(
                items: try rows.map { try entry($0, showPhone: showPhone) }, paging: paging, total: total)
        }
    }

    func smsID(_ context: AppRequestContext) throws -> Int {
        guard let id = Int(context.parameters.get("id") ?? "") else { throw APIError.invalid("id", "must be an SMS id") }
        return id
    }

    func detail(_ context: AppRequestContext) async throws -> Entry {
        let principal = try context.requireRole("platformAdmin", "inspector")
        let id = try smsID(context)
        return try await pool.withConnection { connection in
            guard let row = try await connection.query("SELECT * FROM sms_messages WHERE id = \(id)").first else {
                throw APIError.notFound("SMS")
            }
            var result = try entry(row, showPhone: principal.hasRole("platformAdmin"))
            result.log = try await connection.query(
                "SELECT * FROM sms_attempts WHERE sms_id = \(id) ORDER BY id"
            ).map { row in
                Attempt(
                    attempt: try row.decode("attempt"), outcome: try row.decode("outcome"), detail: try row.decode("detail"),
                    at: EventTime.format(try row.decode("at", as: Date.self)))
            }
            return result
        }
    }

    /// Puts a failed SMS back in the queue with its attempts reset; 409 for any other status.
    func resend(_ context: AppRequestContext) async throws -> Entry {
        let admin = try context.requireRole("platformAdmin")
        let id = try smsID(context)
        return try await pool.withTransaction { connection in
            guard let current = try await connection.query("SELECT status FROM sms_messages WHERE id = \(id) FOR UPDATE").first
            else { throw APIError.notFound("SMS") }
            let status = try current.decode("status", as: String.self)
            guard status == "failed" else { throw APIError.conflict("cannot resend: the SMS is \(status)") }
            let rows = try await connection.query(
                """
                UPDATE sms_messages SET status = 'pending', status_reason = 'resend requested', attempts = 0,
                    next_attempt_at = now(), updated_at = now()
                WHERE id = \(id) RETURNING *
                """)
            try await connection.execute(
                "INSERT INTO sms_attempts (sms_id, attempt, outcome, detail) VALUES (\(id), 0, 'resend', 'requested by a platform admin')")
            try await Audit.record(actor: admin.accountID, action: "sms.resend", target: String(id), on: connection)
            guard let row = rows.first else { throw APIError.notFound("SMS") }
            return try entry(row, showPhone: true)
        }
    }
}
