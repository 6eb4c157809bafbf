import Foundation
import PersonalData
import ServiceKit

/// Re-seals the notifications service's sealed phones (contacts, SMS messages, the local provider's
/// outbox) under the current personal-data key after a rotation.
enum PhoneResealing {
    static let columns = [
        SealedColumn.field("phone", of: "contacts"),
        SealedColumn.field("phone", of: "sms_messages"),
        SealedColumn.field("phone", of: "local_sms"),
    ]

    static func job(_ runtime: NotificationsRuntime) -> SealedColumnRotation {
        let cipher = runtime.cipher
        return SealedColumnRotation(
            pool: runtime.deps.pool, columns: columns, currentKeyID: cipher.currentKeyID, logger: runtime.deps.logger
        ) { keyID, ciphertext in
            let fresh = try cipher.reseal(SealedField(keyID: keyID, ciphertext: ciphertext))
            return (fresh.keyID, fresh.ciphertext)
        }
    }
}
