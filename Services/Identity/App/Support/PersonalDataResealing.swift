import Foundation
import PersonalData
import ServiceKit

/// Re-seals the identity service's sealed values under the current personal-data key after a
/// rotation: ID numbers and phones of accounts, enterprise and help-request phones, and the signing keys' private
/// halves (sealed with the same cipher, so they must move before the old key is dropped).
enum PersonalDataResealing {
    static let columns = [
        SealedColumn.field("id_number", of: "accounts"),
        SealedColumn.field("phone", of: "accounts"),
        SealedColumn.field("email", of: "accounts"),
        SealedColumn.field("principal_phone", of: "enterprises"),
        SealedColumn.field("contact_phone", of: "enterprises"),
        SealedColumn.field("contact_phone", of: "help_requests"),
        SealedColumn(table: "signing_keys", keyIDColumn: "private_key_id", sealedColumn: "private_sealed"),
    ]

    static func job(_ runtime: IdentityRuntime) -> SealedColumnRotation {
        SealedColumnRotation(pool: runtime.pool, columns: columns, cipher: runtime.cipher, logger: runtime.logger)
    }
}
