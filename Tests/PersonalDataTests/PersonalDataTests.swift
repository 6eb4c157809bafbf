import Crypto
import Foundation
import PersonalData
import Testing

@Suite("Personal data")
struct PersonalDataTests {
    let old = SymmetricKey(size: .bits256)
    let new = SymmetricKey(size: .bits256)
    let hash = SymmetricKey(size: .bits256)

    @Test("sealed values open again, never contain the plaintext, and differ each time")
    func roundTrip() throws {
        let cipher = try FieldCipher(keys: ["k1": old], currentKeyID: "k1", hashKey: hash)
        let a = try cipher.seal("410402199001011234")
        let b = try cipher.seal("410402199001011234")
        #expect(try cipher.open(a) == "410402199001011234")
        #expect(a.ciphertext != b.ciphertext)
        #expect(!String(decoding: a.ciphertext, as: UTF8.self).contains("1990"))
    }

    @Test("after rotation old values stay readable, new ones use the new key, and lookups still match")
    func rotation() throws {
        let before = try FieldCipher(keys: ["k1": old], currentKeyID: "k1", hashKey: hash)
        let sealed = try before.seal("13812345678")
        let after = try FieldCipher(keys: ["k1": old, "k2": new], currentKeyID: "k2", hashKey: hash)
        #expect(try after.open(sealed) == "13812345678")
        #expect(after.needsRotation(sealed))
        #expect(try after.seal("x").keyID == "k2")
        #expect(before.lookupHash("13812345678") == after.lookupHash("13812345678"))
        #expect(after.lookupHash("13812345678") != after.lookupHash("13812345679"))
    }

    @Test("a tampered value or an unknown key does not open")
    func tampering() throws {
        let cipher = try FieldCipher(keys: ["k1": old], currentKeyID: "k1", hashKey: hash)
        var sealed = try cipher.seal("13812345678")
        sealed.ciphertext[sealed.ciphertext.count - 1] ^= 1
        #expect(throws: (any Error).self) { try cipher.open(sealed) }
        #expect(throws: PersonalDataError.unknownKey("k9")) { try cipher.open(SealedField(keyID: "k9", ciphertext: Data())) }
    }

    @Test("production refuses to start without keys; the local run has development keys")
    func configuration() throws {
        #expect(throws: PersonalDataError.missingConfiguration("QINQING_PII_KEYS")) {
            try FieldCipher.fromEnvironment([:], allowDevelopmentKeys: false)
        }
        let local = try FieldCipher.fromEnvironment([:], allowDevelopmentKeys: true)
        #expect(try local.open(local.seal("x")) == "x")
    }

    @Test("masks keep only what a stranger may see")
    func masks() {
        #expect(Mask.idNumber("410402199001011234") == "410***********1234")
        #expect(Mask.phone("13812345678") == "138****5678")
        #expect(Mask.email("wang@example.com") == "w***@example.com")
        #expect(Mask.personName("王芳") == "王*")
        #expect(Mask.personName("欧阳修文") == "欧***")
    }
}
