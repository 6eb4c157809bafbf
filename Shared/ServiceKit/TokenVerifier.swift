import Contracts
import Foundation
import JWTKit
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Verifies access tokens locally with the identity service's public keys (its JWKS), fetched on
/// first use, refreshed periodically, and refetched when a token names a key id not seen yet
/// (key rotation), at most once per `minimumRefreshInterval`. A token verified once is remembered
/// until it expires or the keys are fetched again, so a client's later requests skip the signature
/// check (an Ed25519 verification inside this actor on every request; issue 17).
public actor TokenVerifier {
    public typealias JWKSSource = @Sendable () async throws -> Data

    private let source: JWKSSource
    private let logger: Logger
    private let maximumAge: Duration
    private let minimumRefreshInterval: Duration
    private var keys = JWTKeyCollection()
    private var knownKeyIDs: Set<String> = []
    private var fetchedAt: ContinuousClock.Instant?
    /// Tokens verified with the current keys: their claims and expiry. Emptied when the keys are
    /// fetched again (a retired key's tokens are then checked anew) and when it holds `verifiedLimit`.
    private var verified: [String: (claims: AccessClaims, expiresAt: Date)] = [:]
    private let verifiedLimit = 10_000

    public init(
        source: @escaping JWKSSource, logger: Logger, maximumAge: Duration = .seconds(300),
        minimumRefreshInterval: Duration = .seconds(10)
    ) {
        self.source = source
        self.logger = logger
        self.maximumAge = maximumAge
        self.minimumRefreshInterval = minimumRefreshInterval
    }

    /// Fetches `<identityURL>/.well-known/jwks.json`.
    public init(identityURL: String, logger: Logger) {
        let url = URL(string: identityURL + "/.well-known/jwks.json")
        self.init(
            source: {
                guard let url else { throw TokenError.keysUnavailable }
                let (data, response) = try await URLSession.shared.data(from: url)
                guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                    throw TokenError.keysUnavailable
                }
                return data
            }, logger: logger)
    }

    /// The claims of a valid, unexpired token signed by a current or previous identity key.
    public func verify(_ token: String) async throws -> AccessClaims {
        // A remembered token's key is in the current set: only the keys' age may refetch them.
        try await refreshIfNeeded(for: verified[token] == nil ? Self.keyID(of: token) : nil)
        let now = Date()
        if let known = verified[token] {
            guard known.expiresAt > now else {
                verified[token] = nil
                throw TokenError.invalid
            }
            return known.claims
        }
        let payload: AccessTokenPayload
        do {
            payload = try await keys.verify(token, as: AccessTokenPayload.self)
        } catch {
            throw TokenError.invalid
        }
        if verified.count >= verifiedLimit { verified.removeAll() }
        verified[token] = (payload.claims, payload.exp.value)
        return payload.claims
    }

    private func refreshIfNeeded(for keyID: String?) async throws {
        let now = ContinuousClock.now
        let stale = fetchedAt.map { now - $0 > maximumAge } ?? true
        let unknownKey = keyID.map { !knownKeyIDs.contains($0) } ?? false
        let mayRefetch = fetchedAt.map { now - $0 >= minimumRefreshInterval } ?? true
        guard stale || (unknownKey && mayRefetch) else { return }
        do {
            let data = try await source()
            let jwks = try JSONDecoder().decode(JWKS.self, from: data)
            let fresh = JWTKeyCollection()
            try await fresh.add(jwks: jwks)
            keys = fresh
            verified.removeAll()
            knownKeyIDs = Set(jwks.keys.compactMap { $0.keyIdentifier?.string })
            fetchedAt = now
        } catch {
            logger.warning("could not fetch the identity service's keys", metadata: ["error": "\(type(of: error))"])
            if fetchedAt == nil { throw TokenError.keysUnavailable }
        }
    }

    /// The `kid` from the token's header, without verifying anything.
    static func keyID(of token: String) -> String? {
        guard let header = token.split(separator: ".").first else { return nil }
        var base64 = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["kid"] as? String
    }
}

public enum TokenError: Error, Sendable {
    case invalid
    case keysUnavailable
}
