import Contracts
import Crypto
import Foundation
import JWTKit
import Logging
import ServiceKit

/// A stand-in for the identity service's signer: Ed25519 keys with ids, the JWKS a service's
/// verifier fetches, and access tokens for any claims a test needs.
public struct TestTokens: Sendable {
    public let keys: [(id: String, key: Curve25519.Signing.PrivateKey)]

    public init(ids: [String] = ["test-key"]) {
        keys = ids.map { ($0, Curve25519.Signing.PrivateKey()) }
    }

    public var jwks: Data {
        let entries = keys.map { entry -> [String: String] in
            let x = entry.key.publicKey.rawRepresentation.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            return ["kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": entry.id, "x": x]
        }
        return (try? JSONSerialization.data(withJSONObject: ["keys": entries])) ?? Data()
    }

    /// A verifier that trusts these keys (put it in `ServiceDependencies.tokens`).
    public func verifier() -> TokenVerifier {
        let jwks = self.jwks
        return TokenVerifier(source: { jwks }, logger: Logger(label: "test-tokens"), minimumRefreshInterval: .zero)
    }

    /// A signed access token for `claims`.
    public func token(_ claims: AccessClaims, keyID: String? = nil, issuedAt: Date = Date()) async throws -> String {
        let id = keyID ?? keys[0].id
        guard let entry = keys.first(where: { $0.id == id }) else {
            throw JWTError.generic(identifier: "kid", reason: "unknown key id")
        }
        let collection = JWTKeyCollection()
        await collection.add(eddsa: EdDSA.PrivateKey(backing: entry.key), kid: JWKIdentifier(string: id))
        return try await collection.sign(AccessTokenPayload(claims: claims, issuedAt: issuedAt), kid: JWKIdentifier(string: id))
    }

    /// `Authorization: Bearer …` for `claims`.
    public func bearer(_ claims: AccessClaims) async throws -> String {
        "Bearer " + (try await token(claims))
    }
}

extension ServiceConfiguration {
    /// A configuration for running `service` in a test against the suite's PostgreSQL and broker,
    /// in a schema of its own.
    public static func forTest(_ service: ProducingService) throws -> ServiceConfiguration {
        var configuration = try ServiceConfiguration(
            service: service,
            environment: [
                "QINQING_POSTGRES_URL": try TestEnvironment.postgresURL(),
                "QINQING_KAFKA_BROKERS": try TestEnvironment.kafkaBrokers(),
                "QINQING_LOG_LEVEL": "warning",
            ])
        configuration.schema = TestEnvironment.uniqueName(service.rawValue)
        // A test reads its writes at once; the cache's own tests turn it on.
        configuration.publicListCacheLifetime = .zero
        configuration.port = 0
        return configuration
    }
}
