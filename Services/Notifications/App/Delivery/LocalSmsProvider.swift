import Foundation
import PersonalData
import Postgres

/// The local run's provider: records each SMS in `local_sms` (phone sealed) so a newcomer can
/// read at `GET /local/sms` what would have been sent.
struct LocalSmsProvider: SmsProvider {
    let cipher: FieldCipher
    var name: String { "local" }

    func send(_ sms: OutgoingSms, on connection: PostgresConnection) async throws(SmsProviderError) -> String {
        do {
            let sealed = try cipher.seal(sms.phone)
            let rows = try await connection.query(
                """
                INSERT INTO local_sms (sms_id, account_id, enterprise_id, phone_key_id, phone_sealed, text, parts)
                VALUES (\(sms.smsID), \(sms.recipient.accountID), \(sms.recipient.enterpriseID), \(sealed.keyID),
                        \(sealed.ciphertext), \(sms.text), \(sms.parts))
                RETURNING id
                """)
            let id = try rows.first?.decode("id", as: Int.self) ?? 0
            return "local-\(id)"
        } catch {
            throw SmsProviderError(retriable: true, reason: "local provider could not record the message")
        }
    }
}
