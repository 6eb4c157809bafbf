import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Refresh-token rotation with reuse detection, and sign-out.
struct RefreshRoutes {
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
        router.post("/sessions/refresh") { request, context -> TokenPair in
            let body = try await request.decodeBody(RefreshBody.self, context: context)
            let ip = request.clientIP
            let outcome: Outcome = try await runtime.pool.withTransaction { connection in
                let rows = try await connection.query(
                    """
                    SELECT id, family_id, account_id, enterprise_id, used_at, revoked_at, expires_at > now() AS fresh
                    FROM refresh_tokens WHERE token_hash = \(TokenIssuer.digest(body.refreshToken)) FOR UPDATE
                    """)
                guard let row = rows.first else { return .invalid }
                let family = try row.decode("family_id", as: UUID.self)
                let accountID = try row.decode("account_id", as: UUID.self)
                let spent = !row.isNull("used_at") || !row.isNull("revoked_at")
                if spent {
                    let revoked = try await connection.execute(
                        "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = \(family) AND revoked_at IS NULL")
                    if revoked > 0 || row.isNull("revoked_at") {
                        try await runtime.audit.append(
                            .refreshReuse, actor: accountID, subject: "family:\(family)",
                            detail: "reuse of a rotated refresh token; family revoked", clientIP: ip, on: connection)
                    }
                    return .reused
                }
                guard try row.decode("fresh", as: Bool.self),
                    let account = try await Account.load(id: accountID, on: connection), account.active
                else { return .invalid }
                let tokenID = try row.decode("id", as: UUID.self)
                let storedEnterprise = try row.decode("enterprise_id", as: UUID?.self)
                try await connection.execute("UPDATE refresh_tokens SET used_at = now() WHERE id = \(tokenID)")
                let enterpriseID = body.enterpriseID ?? storedEnterprise
                return .rotated(
                    try await TokenIssuer(runtime: runtime).issue(for: account, enterpriseID: enterpriseID, familyID: family, on: connection))
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
        router.post("/sessions/sign-out") { request, context -> Done in
            let body = try await request.decodeBody(RefreshBody.self, context: context)
            try await runtime.pool.withTransaction { connection in
                let rows = try await connection.query(
                    "SELECT family_id, account_id FROM refresh_tokens WHERE token_hash = \(TokenIssuer.digest(body.refreshToken))")
                guard let row = rows.first else { return }
                let family = try row.decode("family_id", as: UUID.self)
                try await connection.execute(
                    "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = \(family) AND revoked_at IS NULL")
                try await runtime.audit.append(
                    .signOut, actor: try row.decode("account_id", as: UUID.self), subject: "family:\(family)",
                    clientIP: request.clientIP, on: connection)
            }
            return Done()
        }
    }
}
