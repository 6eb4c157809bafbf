import Contracts
import Crypto
import Foundation
import JWTKit
import ServiceKit

/// An Ed25519 signer standing in for the identity service in the verification benchmark.
struct Curve25519Signer {
    let key = Curve25519.Signing.PrivateKey()
    let keyID = "bench"

    var jwks: Data {
        let x = key.publicKey.rawRepresentation.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let entry = ["kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": keyID, "x": x]
        return (try? JSONSerialization.data(withJSONObject: ["keys": [entry]])) ?? Data()
    }

    func token(_ claims: AccessClaims) async throws -> String {
        let collection = JWTKeyCollection()
        await collection.add(eddsa: EdDSA.PrivateKey(backing: key), kid: JWKIdentifier(string: keyID))
        return try await collection.sign(AccessTokenPayload(claims: claims), kid: JWKIdentifier(string: keyID))
    }
}
