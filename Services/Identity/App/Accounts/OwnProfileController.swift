import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 我的资料 (account guide item 2): an official reads and keeps their own work unit, title and e-mail;
/// every change is audited.
struct OwnProfileController: IdentityController {
    let runtime: IdentityRuntime

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/me/profile", use: read)
        router.put("/me/profile", use: replace)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> OwnProfile {
        let me = try context.requireOfficial(anyOf: OfficialRole.allCases)
        return try await runtime.pool.withConnection { connection in
            guard let profile = try await AccountStore.ownProfile(me.accountID, cipher: runtime.cipher, viewer: me, on: connection) else {
                throw APIError.notFound("official")
            }
            return profile
        }
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> OwnProfile {
        let me = try context.requireOfficial(anyOf: OfficialRole.allCases)
        let fields = try OwnProfile.Fields(try await request.decodeBody(OwnProfile.Body.self, context: context))
        return try await runtime.pool.withTransaction { connection in
            guard try await AccountStore.load(id: me.accountID, on: connection, forUpdate: true)?.kind == .official else {
                throw APIError.notFound("official")
            }
            try await AccountStore.updateOwnProfile(me.accountID, fields, cipher: runtime.cipher, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    .accountUpdated, actor: me.accountID, subject: "account:\(me.accountID)",
                    detail: "own profile (work unit, title, e-mail)", clientIP: context.clientIP),
                on: connection)
            guard let profile = try await AccountStore.ownProfile(me.accountID, cipher: runtime.cipher, viewer: me, on: connection) else {
                throw APIError.internalError
            }
            return profile
        }
    }
}
