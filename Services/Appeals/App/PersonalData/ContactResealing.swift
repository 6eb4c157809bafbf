import Foundation
import PersonalData
import ServiceKit

/// Re-seals `case_contacts` under the current personal-data key after a rotation (the lookup hashes
/// stay: they use the separate hash key).
enum ContactResealing {
    static let columns = [SealedColumn(table: "case_contacts", keyIDColumn: "key_id", sealedColumn: "sealed")]

    static func job(_ dependencies: ServiceDependencies, cipher: FieldCipher, interval: Duration = .seconds(60)) -> SealedColumnRotation {
        SealedColumnRotation(
            pool: dependencies.pool, columns: columns, currentKeyID: cipher.currentKeyID, interval: interval,
            logger: dependencies.logger
        ) { keyID, ciphertext in
            let fresh = try cipher.reseal(SealedField(keyID: keyID, ciphertext: ciphertext))
            return (fresh.keyID, fresh.ciphertext)
        }
    }
}
