import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Refresh-token rotation with reuse detection, and sign-out.
struct RefreshController: IdentityController {
    let runtime: IdentityRuntime

    struct RefreshBody: Decodable {
        var refreshToken: String
        var enterpriseID: UUID?
    }

    private enum Outcome: Sendable {
        case rotated(TokenPair)
        case reused
        case invalid
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/sessions/refresh", use: refresh)
        router.post("/sessions/sign-out", use: signOut)
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> TokenPair {
        let body = try await request.decodeBody(RefreshBody.self, context: context)
        let ip = context.clientIP
        let outcome: Outcome = try await runtime.pool.withTransaction { connection in
            guard let token = try await SessionStore.refreshToken(digest: TokenIssuer.digest(body.refreshToken), forUpdate: true, on: connection)
            else { return .invalid }
            if token.used || token.revoked {
                let revoked = try await SessionStore.revokeFamily(token.familyID, on: connection)
                if revoked > 0 || !token.revoked {
                    try await AuditTrail.append(
                        AuditEntry(
                            .refreshReuse, actor: token.accountID, subject: "family:\(token.familyID)",
                            detail: "reuse of a rotated refresh token; family revoked", clientIP: ip),
                        on: connection)
                }
                return .reused
            }
            guard token.fresh, let account = try await AccountStore.load(id: token.accountID, on: connection), account.active
            else { return .invalid }
            try await SessionStore.markUsed(token.id, on: connection)
            return .rotated(
                try await TokenIssuer(runtime: runtime).issue(
                    for: account, enterpriseID: body.enterpriseID ?? token.enterpriseID, familyID: token.familyID, on: connection))
        }
        switch outcome {
        case .rotated(let pair): return pair
        case .reused:
            throw APIError(
                .unauthorized, code: "refresh_reused",
                message: "this refresh token was already used; every session of its sign-in is now revoked — sign in again")
        case .invalid:
            throw APIError(.unauthorized, code: "invalid_refresh", message: "the refresh token is unknown, expired or revoked; sign in again")
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Done {
        let body = try await request.decodeBody(RefreshBody.self, context: context)
        _ = try Validate.text(body.refreshToken, "refreshToken", max: 512)
        try await runtime.pool.withTransaction { connection in
            guard let token = try await SessionStore.refreshToken(digest: TokenIssuer.digest(body.refreshToken), on: connection) else {
                return
            }
            try await SessionStore.revokeFamily(token.familyID, on: connection)
            try await AuditTrail.append(
                AuditEntry(.signOut, actor: token.accountID, subject: "family:\(token.familyID)", clientIP: context.clientIP),
                on: connection)
        }
        return Done()
    }
}
