import Contracts
import Foundation
import JWTKit

/// The JWT form of `AccessClaims`: what the identity service signs (Ed25519, with `kid`) and every
/// service verifies.
public struct AccessTokenPayload: JWTPayload, Equatable {
    public static let issuer = "qinqing-identity"

    public var sub: SubjectClaim
    public var iss: IssuerClaim
    public var iat: IssuedAtClaim
    public var exp: ExpirationClaim
    public var claims: AccessClaims

    enum CodingKeys: String, CodingKey {
        case sub, iss, iat, exp
        case claims = "qq"
    }

    public init(claims: AccessClaims, issuedAt: Date = Date(), lifetime: TimeInterval = 15 * 60) {
        self.sub = SubjectClaim(value: claims.accountID.uuidString.lowercased())
        self.iss = IssuerClaim(value: Self.issuer)
        self.iat = IssuedAtClaim(value: issuedAt)
        self.exp = ExpirationClaim(value: issuedAt.addingTimeInterval(lifetime))
        self.claims = claims
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard iss.value == Self.issuer else {
            throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "unknown issuer")
        }
        guard sub.value == claims.accountID.uuidString.lowercased() else {
            throw JWTError.claimVerificationFailure(failedClaim: sub, reason: "subject mismatch")
        }
    }
}
