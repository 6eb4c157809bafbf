import Contracts
import Crypto
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// An access token and the refresh token that renews it.
struct TokenPair: ResponseCodable, Sendable {
    var status = "signedIn"
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var refreshToken: String
    var claims: AccessClaims
}

/// Issues access tokens (claims computed fresh from the database each time, so an expired or
/// revoked membership is never carried) and opaque refresh tokens stored as SHA-256 hashes.
struct TokenIssuer {
    let runtime: IdentityRuntime

    /// Claims for `account`, acting for `enterpriseID` when it holds an active membership there
    /// (for persons without a choice: their only active membership, if exactly one).
    func claims(for account: Account, enterpriseID: UUID?, on connection: PostgresConnection) async throws -> AccessClaims {
        var claims = AccessClaims(
            accountID: account.id, accountKind: account.kind, roles: account.kind == .official ? account.roles : [],
            unitID: account.unitID, region: account.region)
        guard account.kind == .person else { return claims }
        let memberships = try await MembershipStore.activeMemberships(of: account.id, in: enterpriseID, on: connection)
        if memberships.count == 1 { claims.membership = memberships[0] }
        return claims
    }

    /// A new pair; `familyID` continues a rotation family, nil starts one.
    func issue(
        for account: Account, enterpriseID: UUID?, familyID: UUID?, on connection: PostgresConnection
    ) async throws -> TokenPair {
        let claims = try await claims(for: account, enterpriseID: enterpriseID, on: connection)
        let lifetime = runtime.settings.accessTokenLifetime
        let access = try await runtime.keys.sign(claims, lifetime: lifetime)
        let refresh = Self.randomToken()
        let expires = Date().addingTimeInterval(runtime.settings.refreshTokenLifetime)
        try await SessionStore.insertRefreshToken(
            digest: Self.digest(refresh), familyID: familyID ?? UUID(), accountID: account.id,
            enterpriseID: claims.membership?.enterpriseID, expiresAt: expires, on: connection)
        return TokenPair(accessToken: access, expiresIn: Int(lifetime), refreshToken: refresh, claims: claims)
    }

    static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }
}
