import Foundation
import PersonalData
import Postgres
import ServiceKit

/// What the gateway's delivery reports change, and the local provider's outbox.
enum SmsStore {
    /// The SMS the gateway knows by `providerMessageID`, its row locked: its id and status.
    static func lockByProviderID(_ providerMessageID: String, on connection: PostgresConnection) async throws -> (id: Int, status: String)? {
        let rows = try await connection.query(
            "SELECT id, status FROM sms_messages WHERE provider_message_id = \(providerMessageID) FOR UPDATE")
        return try rows.first.map { (try $0.decode("id", as: Int.self), try $0.decode("status", as: String.self)) }
    }

    static func markDelivered(_ id: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE sms_messages SET status = 'delivered', updated_at = now() WHERE id = \(id)")
    }

    /// One row of `local_sms`; the phone still sealed.
    struct LocalRecord: Sendable {
        var id: Int
        var smsID: Int
        var accountID: UUID
        var phone: SealedField
        var text: String
        var parts: Int
        var sentAt: Date
    }

    static func localOutbox(_ paging: Paging, on connection: PostgresConnection) async throws -> (items: [LocalRecord], total: Int) {
        let page = try await connection.page("SELECT * FROM local_sms", orderBy: "id DESC", limit: paging.size, offset: paging.offset)
        let items = try page.rows.map { row in
            LocalRecord(
                id: try row.decode("id"), smsID: try row.decode("sms_id"), accountID: try row.decode("account_id"),
                phone: SealedField(keyID: try row.decode("phone_key_id"), ciphertext: try row.decode("phone_sealed")),
                text: try row.decode("text"), parts: try row.decode("parts"), sentAt: try row.decode("sent_at"))
        }
        return (items, page.total)
    }
}
