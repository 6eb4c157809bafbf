import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Officials and staff, managed by platform admins: created with a temporary password that must
/// be changed (and a phone bound) at first sign-in.
struct OfficialsController: IdentityController {
    let runtime: IdentityRuntime

    struct CreateBody: Decodable {
        var username: String
        var realName: String
        var unitID: UUID
        var roles: [String]
        var title: String?
    }

    struct UpdateBody: Decodable {
        var realName: String?
        var unitID: UUID?
        var roles: [String]?
        var title: String?
        var active: Bool?
    }

    struct Created: ResponseCodable {
        var account: AccountView
        /// Shown once; the official must change it at first sign-in.
        var temporaryPassword: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/officials", use: create)
        router.get("/officials", use: list)
        router.patch("/officials/:id", use: update)
        router.post("/officials/:id/password-reset", use: resetPassword)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireOfficial(.platformAdmin)
        let body = try await request.decodeBody(CreateBody.self, context: context)
        let username = try AccountRules.username(body.username, field: "username")
        let realName = try Validate.text(body.realName, "realName", max: 50)
        let roles = try Self.roles(body.roles)
        let title = try Validate.optionalText(body.title, "title", max: 100)
        let temporary = Passwords.temporary()
        let hash = await Passwords.hash(temporary, cost: runtime.settings.bcryptCost)
        let id = UUID()
        let account = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> Account in
            let region = try await AccountStore.unitRegion(body.unitID, on: connection)
            try await AccountStore.requireFreeUsername(username, on: connection)
            try await AccountStore.insertOfficial(
                id: id, username: username, realName: realName, passwordHash: hash, unitID: body.unitID, region: region,
                roles: roles, title: title, firstSignIn: true, on: connection)
            guard let account = try await AccountStore.load(id: id, on: connection) else { throw APIError.internalError }
            try await runtime.deps.outbox.append(OfficialCreated(official: Self.profile(account), createdAt: Date()), on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    .accountCreated, actor: admin.accountID, subject: "account:\(id)",
                    detail: "official roles=\(roles.map(\.rawValue).joined(separator: ","))", clientIP: context.clientIP),
                on: connection)
            return account
        } }
        let created = Created(account: try AccountView(account, cipher: runtime.cipher, viewer: admin), temporaryPassword: temporary)
        var response = try created.response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AccountView> {
        let viewer = try context.requireOfficial(.platformAdmin, .inspector, .dispatcher, .unitAdmin)
        let paging = try Paging(request)
        let role = try request.uri.queryParameters.get("role").map { name in
            guard let role = OfficialRole(rawValue: name) else { throw APIError.invalid("role", "is not an official role") }
            return role
        }
        let unitID = try request.uri.queryParameters.get("unitID").map { text in
            guard let id = UUID(uuidString: text) else { throw APIError.invalid("unitID", "must be a UUID") }
            return id
        }
        return try await runtime.pool.withConnection { connection in
            try await AccountStore.officials(role: role, unitID: unitID, paging: paging, on: connection) {
                try AccountView($0, cipher: runtime.cipher, viewer: viewer)
            }
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> AccountView {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathID("id")
        let body = try await request.decodeBody(UpdateBody.self, context: context)
        let roles = try body.roles.map(Self.roles)
        let realName = try body.realName.map { try Validate.text($0, "realName", max: 50) }
        return try await runtime.pool.withTransaction { connection in
            guard var account = try await AccountStore.load(id: id, on: connection, forUpdate: true), account.kind == .official else {
                throw APIError.notFound("official")
            }
            if let unitID = body.unitID {
                account.region = try await AccountStore.unitRegion(unitID, on: connection)
                account.unitID = unitID
            }
            if let roles { account.roles = roles.map(\.rawValue) }
            if let realName { account.realName = realName }
            if let title = body.title { account.title = try Validate.text(title, "title", max: 100, required: false) }
            if let active = body.active { account.active = active }
            try await AccountStore.updateOfficial(account, on: connection)
            if !account.active { try await SessionStore.revokeRefreshTokens(of: id, on: connection) }
            try await runtime.deps.outbox.append(OfficialUpdated(official: Self.profile(account), updatedAt: Date()), on: connection)
            try await AuditTrail.append(
                AuditEntry(.accountUpdated, actor: admin.accountID, subject: "account:\(id)", clientIP: context.clientIP), on: connection)
            return try AccountView(account, cipher: runtime.cipher, viewer: admin)
        }
    }

    /// A second admin resets an official's password: the temporary password is in this response
    /// only (never in the event, the audit trail or a log). Never the caller's own account, so a
    /// stolen 15-minute token cannot become the account for good.
    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Created {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathID("id")
        guard id != admin.accountID else {
            throw APIError(
                .forbidden, code: "own_password_reset",
                message: "an admin cannot reset their own password here; another platform admin must do it", field: "id")
        }
        let temporary = Passwords.temporary()
        let hash = await Passwords.hash(temporary, cost: runtime.settings.bcryptCost)
        return try await runtime.pool.withTransaction { connection in
            guard let account = try await AccountStore.load(id: id, on: connection, forUpdate: true), account.kind == .official else {
                throw APIError.notFound("official")
            }
            try await AccountStore.resetPassword(hash, of: id, on: connection)
            try await SessionStore.revokeRefreshTokens(of: id, on: connection)
            try await runtime.deps.outbox.append(
                OfficialPasswordReset(officialID: id, resetBy: admin.accountID, resetAt: Date()), on: connection)
            try await AuditTrail.append(
                AuditEntry(.passwordReset, actor: admin.accountID, subject: "account:\(id)", clientIP: context.clientIP), on: connection)
            return Created(account: try AccountView(account, cipher: runtime.cipher, viewer: admin), temporaryPassword: temporary)
        }
    }

    static func roles(_ names: [String]) throws -> [OfficialRole] {
        guard !names.isEmpty else { throw APIError.invalid("roles", "needs at least one role") }
        return try names.enumerated().map { index, name in
            guard let role = OfficialRole(rawValue: name) else {
                throw APIError.invalid(
                    "roles[\(index)]", "must be one of \(OfficialRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        }
    }

    static func profile(_ account: Account) -> OfficialProfile {
        OfficialProfile(
            officialID: account.id, name: account.realName, unitID: account.unitID ?? UUID(), region: account.region ?? "",
            roles: account.officialRoles, active: account.active)
    }
}
