import Crypto
import Foundation

/// Encrypts personal data (ID numbers, phones, emails) for storage, with AES-GCM under a key that
/// has an id, so keys can rotate: new values use the current key, old values stay readable with
/// theirs. Lookups go through `lookupHash`, a keyed hash that reveals nothing without the key.
public struct FieldCipher: Sendable {
    private let keys: [String: SymmetricKey]
    public let currentKeyID: String
    private let hashKey: SymmetricKey

    public init(keys: [String: SymmetricKey], currentKeyID: String, hashKey: SymmetricKey) throws {
        guard keys[currentKeyID] != nil else { throw PersonalDataError.unknownKey(currentKeyID) }
        guard keys.values.allSatisfy({ $0.bitCount == 256 }), hashKey.bitCount == 256 else {
            throw PersonalDataError.badKey
        }
        self.keys = keys
        self.currentKeyID = currentKeyID
        self.hashKey = hashKey
    }

    /// `QINQING_PII_KEYS` = `id:base64key,id2:base64key` (32-byte keys), `QINQING_PII_CURRENT_KEY` = id,
    /// `QINQING_PII_HASH_KEY` = base64 (32 bytes). Without them, and only when `allowDevelopmentKeys`
    /// (the local run), fixed development keys are used; production refuses to start.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, allowDevelopmentKeys: Bool
    ) throws -> FieldCipher {
        guard let list = environment["QINQING_PII_KEYS"], !list.isEmpty else {
            guard allowDevelopmentKeys else { throw PersonalDataError.missingConfiguration("QINQING_PII_KEYS") }
            return try FieldCipher(
                keys: ["dev1": SymmetricKey(data: SHA256.hash(data: Data("qinqing-local-pii-key".utf8)))],
                currentKeyID: "dev1",
                hashKey: SymmetricKey(data: SHA256.hash(data: Data("qinqing-local-pii-hash".utf8))))
        }
        var keys: [String: SymmetricKey] = [:]
        for entry in list.split(separator: ",") {
            let parts = entry.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let data = Data(base64Encoded: String(parts[1])) else {
                throw PersonalDataError.missingConfiguration("QINQING_PII_KEYS")
            }
            keys[String(parts[0])] = SymmetricKey(data: data)
        }
        guard keys.values.allSatisfy({ $0.bitCount == 256 }) else {
            throw PersonalDataError.missingConfiguration("QINQING_PII_KEYS")
        }
        guard let current = environment["QINQING_PII_CURRENT_KEY"], keys[current] != nil else {
            throw PersonalDataError.missingConfiguration("QINQING_PII_CURRENT_KEY")
        }
        guard let hashText = environment["QINQING_PII_HASH_KEY"], let hash = Data(base64Encoded: hashText), hash.count == 32
        else {
            throw PersonalDataError.missingConfiguration("QINQING_PII_HASH_KEY")
        }
        return try FieldCipher(keys: keys, currentKeyID: current, hashKey: SymmetricKey(data: hash))
    }

    /// Encrypts `plaintext` under the current key.
    public func seal(_ plaintext: String) throws -> SealedField {
        guard let key = keys[currentKeyID] else { throw PersonalDataError.unknownKey(currentKeyID) }
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw PersonalDataError.sealFailed }
        return SealedField(keyID: currentKeyID, ciphertext: combined)
    }

    public func open(_ field: SealedField) throws -> String {
        guard let key = keys[field.keyID] else { throw PersonalDataError.unknownKey(field.keyID) }
        let box = try AES.GCM.SealedBox(combined: field.ciphertext)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }

    /// HMAC-SHA256 of the normalized value, for equality lookups (e.g. "which person has this ID number").
    public func lookupHash(_ value: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: hashKey))
    }

    /// True when `field` was sealed under an older key and should be re-sealed.
    public func needsRotation(_ field: SealedField) -> Bool { field.keyID != currentKeyID }
}

/// A sealed value and the id of the key that sealed it; stored as two columns (`*_key_id`, `*_sealed`).
public struct SealedField: Sendable, Equatable {
    public var keyID: String
    public var ciphertext: Data

    public init(keyID: String, ciphertext: Data) {
        self.keyID = keyID
        self.ciphertext = ciphertext
    }
}

public enum PersonalDataError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case badKey
    case sealFailed
    case missingConfiguration(String)

    public var description: String {
        switch self {
        case .unknownKey(let id): "no personal-data key with id \(id)"
        case .badKey: "personal-data keys must be 32 bytes"
        case .sealFailed: "could not encrypt a personal-data field"
        case .missingConfiguration(let name): "environment variable \(name) is missing or malformed"
        }
    }
}
