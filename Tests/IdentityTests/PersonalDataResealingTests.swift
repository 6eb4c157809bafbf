import Contracts
import Crypto
import Foundation
@testable import IdentityApp
import PersonalData
import Postgres
import ServiceKit
import Testing

@Suite("Identity: personal data re-sealed after a key rotation")
struct PersonalDataResealingTests {
    /// The development keys (`FieldCipher.fromEnvironment` without configuration) plus a new current key `b`.
    static func rotatedEnvironment(current: String = "b", keepDevelopmentKey: Bool = true) -> [String: String] {
        let development = Data(SHA256.hash(data: Data("qinqing-local-pii-key".utf8))).base64EncodedString()
        let hash = Data(SHA256.hash(data: Data("qinqing-local-pii-hash".utf8))).base64EncodedString()
        let newKey = Data(SHA256.hash(data: Data("identity-rotation-test-key-b".utf8))).base64EncodedString()
        let keys = (keepDevelopmentKey ? ["dev1:\(development)"] : []) + ["b:\(newKey)"]
        return ["QINQING_PII_KEYS": keys.joined(separator: ","), "QINQING_PII_CURRENT_KEY": current, "QINQING_PII_HASH_KEY": hash]
    }

    @Test("accounts' ID numbers and phones and the signing key move to the new key; tokens are still signed with the old key gone")
    func reseal() async throws {
        try await IdentityHarness.run { _, harness in
            let runtime = harness.runtime
            _ = try await harness.bearer(AccessClaims(accountID: UUID(), accountKind: .person))  // creates the signing key
            let id = UUID()
            let idNumber = try runtime.cipher.seal("11010519491231002X")
            let phone = try runtime.cipher.seal("13912345678")
            try await harness.pool.execute(
                """
                INSERT INTO accounts (id, kind, username, real_name, password_hash, id_number_key_id, id_number_sealed,
                    id_number_hash, phone_key_id, phone_sealed, phone_hash)
                VALUES (\(id), 'person', 'rotation-test', '测试', 'x', \(idNumber.keyID), \(idNumber.ciphertext),
                    \(runtime.cipher.lookupHash("11010519491231002X")), \(phone.keyID), \(phone.ciphertext),
                    \(runtime.cipher.lookupHash("13912345678")))
                """)

            let rotated = try FieldCipher.fromEnvironment(Self.rotatedEnvironment(), allowDevelopmentKeys: false)
            let job = PersonalDataResealing.job(IdentityRuntime(deps: runtime.deps, settings: runtime.settings, cipher: rotated))
            let stale = try await job.staleCount()
            #expect(stale >= 3)
            #expect(try await job.pass() == stale)
            #expect(try await job.staleCount() == 0)

            let onlyNew = try FieldCipher.fromEnvironment(Self.rotatedEnvironment(keepDevelopmentKey: false), allowDevelopmentKeys: false)
            let row = try #require(try await harness.pool.query(
                "SELECT id_number_key_id, id_number_sealed, id_number_hash, phone_key_id, phone_sealed FROM accounts WHERE id = \(id)").first)
            #expect(try row.decode("id_number_key_id", as: String.self) == "b")
            #expect(try onlyNew.open(SealedField(keyID: "b", ciphertext: try row.decode("id_number_sealed"))) == "11010519491231002X")
            #expect(try onlyNew.open(SealedField(keyID: "b", ciphertext: try row.decode("phone_sealed"))) == "13912345678")
            #expect(try row.decode("id_number_hash", as: Data.self) == runtime.cipher.lookupHash("11010519491231002X"))

            // A fresh runtime holding only the new key still signs with the (re-sealed) signing key.
            let fresh = IdentityRuntime(deps: runtime.deps, settings: runtime.settings, cipher: onlyNew)
            let token = try await fresh.keys.sign(AccessClaims(accountID: UUID(), accountKind: .person), lifetime: 60)
            #expect(!token.isEmpty)
        }
    }
}
