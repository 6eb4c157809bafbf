import Contracts
import Crypto
import Foundation
import JWTKit
import PersonalData
import Postgres
import ServiceKit

/// The Ed25519 keys that sign access tokens. The first start creates one; rotation makes a new
/// current key and keeps the old one as `previous` (still in the JWKS, so tokens signed before
/// the rotation stay valid until they expire). Private keys are sealed with the personal-data
/// cipher (AES-GCM, key id stored beside them).
public actor SigningKeyStore {
    struct Key {
        var kid: String
        var privateKey: Curve25519.Signing.PrivateKey
    }

    private let pool: PostgresPool
    private let cipher: FieldCipher
    private var current: Key?
    private var loadedAt: Date?

    init(pool: PostgresPool, cipher: FieldCipher) {
        self.pool = pool
        self.cipher = cipher
    }

    /// Signs `claims` with the current key (`kid` header).
    func sign(_ claims: AccessClaims, lifetime: TimeInterval, now: Date = Date()) async throws -> String {
        let key = try await currentKey()
        let collection = JWTKeyCollection()
        let kid = JWKIdentifier(string: key.kid)
        await collection.add(eddsa: EdDSA.PrivateKey(backing: key.privateKey), kid: kid)
        return try await collection.sign(AccessTokenPayload(claims: claims, issuedAt: now, lifetime: lifetime), kid: kid)
    }

    /// Current and previous public keys as a JWKS document.
    public func jwksData() async throws -> Data {
        _ = try await currentKey()
        let rows = try await pool.query(
            "SELECT kid, public_key FROM signing_keys WHERE status IN ('current', 'previous') ORDER BY created_at DESC")
        let keys = try rows.map { row -> [String: String] in
            let raw = try row.decode("public_key", as: Data.self)
            return [
                "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig",
                "kid": try row.decode("kid", as: String.self), "x": Self.base64URL(raw),
            ]
        }
        return try JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys])
    }

    /// Makes a new current key; the current one becomes previous, an older previous is retired.
    @discardableResult
    public func rotate() async throws -> String {
        let kid = try await pool.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))")
            try await connection.execute("UPDATE signing_keys SET status = 'retired' WHERE status = 'previous'")
            try await connection.execute("UPDATE signing_keys SET status = 'previous' WHERE status = 'current'")
            return try await self.insertKey(on: connection)
        }
        current = nil
        return kid
    }

    private func currentKey() async throws -> Key {
        if let current, let loadedAt, Date().timeIntervalSince(loadedAt) < 30 { return current }
        let key = try await pool.withTransaction { connection -> Key in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))")
            var rows = try await connection.query(
                "SELECT kid, private_key_id, private_sealed FROM signing_keys WHERE status = 'current'")
            if rows.isEmpty {
                _ = try await self.insertKey(on: connection)
                rows = try await connection.query(
                    "SELECT kid, private_key_id, private_sealed FROM signing_keys WHERE status = 'current'")
            }
            guard let row = rows.first else { throw IdentitySetupError("no signing key") }
            let sealed = SealedField(
                keyID: try row.decode("private_key_id", as: String.self),
                ciphertext: try row.decode("private_sealed", as: Data.self))
            guard let raw = Data(base64Encoded: try self.cipher.open(sealed)) else {
                throw IdentitySetupError("a signing key could not be read")
            }
            return Key(
                kid: try row.decode("kid", as: String.self),
                privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
        }
        current = key
        loadedAt = Date()
        return key
    }

    private func insertKey(on connection: PostgresConnection) async throws -> String {
        let key = Curve25519.Signing.PrivateKey()
        let kid = "ed-" + String(UUID().uuidString.lowercased().prefix(8))
        let sealed = try cipher.seal(key.rawRepresentation.base64EncodedString())
        try await connection.execute(
            """
            INSERT INTO signing_keys (kid, status, public_key, private_key_id, private_sealed)
            VALUES (\(kid), 'current', \(key.publicKey.rawRepresentation), \(sealed.keyID), \(sealed.ciphertext))
            """)
        return kid
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
