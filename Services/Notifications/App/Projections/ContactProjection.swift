import Contracts
import Foundation
import Outbox
import PersonalData
import Postgres

/// Phones from the restricted contacts topic (accounts' and enterprises' contact phones), sealed
/// before they reach the database. A change older than the one already stored is ignored, so
/// out-of-order delivery cannot restore an old number.
struct ContactProjection: EventProjection {
    let cipher: FieldCipher
    let rules: RuleEngine

    func register(into handlers: inout EventHandlers) {
        handlers.on(AccountContactChanged.self, thenRules: rules) { event, c in try await apply(event, on: c) }
        handlers.on(EnterpriseContactChanged.self, thenRules: rules) { event, c in try await apply(event, on: c) }
    }

    func apply(_ event: AccountContactChanged, on connection: PostgresConnection) async throws {
        let sealed = try event.phone.map { try cipher.seal($0) }
        try await connection.execute(
            """
            INSERT INTO contacts (account_id, display_name, phone_key_id, phone_sealed, changed_at)
            VALUES (\(event.accountID), \(event.displayName), \(sealed?.keyID), \(sealed?.ciphertext), \(event.changedAt))
            ON CONFLICT (account_id) DO UPDATE SET display_name = EXCLUDED.display_name,
                phone_key_id = EXCLUDED.phone_key_id, phone_sealed = EXCLUDED.phone_sealed,
                changed_at = EXCLUDED.changed_at
            WHERE contacts.changed_at <= EXCLUDED.changed_at
            """)
    }

    func apply(_ event: EnterpriseContactChanged, on connection: PostgresConnection) async throws {
        let sealed = try event.phone.map { try cipher.seal($0) }
        try await connection.execute(
            """
            INSERT INTO enterprise_contacts (enterprise_id, phone_key_id, phone_sealed, changed_at)
            VALUES (\(event.enterpriseID), \(sealed?.keyID), \(sealed?.ciphertext), \(event.changedAt))
            ON CONFLICT (enterprise_id) DO UPDATE SET phone_key_id = EXCLUDED.phone_key_id,
                phone_sealed = EXCLUDED.phone_sealed, changed_at = EXCLUDED.changed_at
            WHERE enterprise_contacts.changed_at <= EXCLUDED.changed_at
            """)
    }

    /// The recipient's phone in plain text, for the provider call only; nil when none is known.
    func phone(of recipient: SmsRecipient, on connection: PostgresConnection) async throws -> String? {
        let query: PostgresQuery = switch recipient {
        case .account(let id): "SELECT phone_key_id, phone_sealed FROM contacts WHERE account_id = \(id)"
        case .enterprise(let id): "SELECT phone_key_id, phone_sealed FROM enterprise_contacts WHERE enterprise_id = \(id)"
        }
        let rows = try await connection.query(query)
        guard let row = rows.first, let keyID = try row.decode("phone_key_id", as: String?.self),
            let sealed = try row.decode("phone_sealed", as: Data?.self)
        else { return nil }
        return try cipher.open(SealedField(keyID: keyID, ciphertext: sealed))
    }
}
