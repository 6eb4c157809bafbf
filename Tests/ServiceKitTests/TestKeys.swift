import Contracts
import Crypto
import Foundation
import JWTKit
import ServiceKit

/// An identity-like signer: Ed25519 keys with ids, and the JWKS a verifier fetches.
struct TestKeys {
    let keys: [(id: String, key: Curve25519.Signing.PrivateKey)]

    init(ids: [String]) {
        keys = ids.map { ($0, Curve25519.Signing.PrivateKey()) }
    }

    var jwks: Data {
        let entries = keys.map { entry -> [String: String] in
            let x = entry.key.publicKey.rawRepresentation.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            return ["kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": entry.id, "x": x]
        }
        return try! JSONSerialization.data(withJSONObject: ["keys": entries])
    }

    func token(_ claims: AccessClaims, keyID: String, issuedAt: Date = Date()) async throws -> String {
        guard let entry = keys.first(where: { $0.id == keyID }) else { throw JWTError.generic(identifier: "kid", reason: "unknown") }
        let collection = JWTKeyCollection()
        await collection.add(eddsa: EdDSA.PrivateKey(backing: entry.key), kid: JWKIdentifier(string: keyID))
        return try await collection.sign(AccessTokenPayload(claims: claims, issuedAt: issuedAt), kid: JWKIdentifier(string: keyID))
    }
}
