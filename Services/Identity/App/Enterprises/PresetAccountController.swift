import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Preset accounts (平台预设账号, account guide item 13): a platform admin gives an approved enterprise
/// an account whose username is the enterprise's full name, its admin for a year (renewable like any
/// membership); the enterprise signs in with its full name and the temporary password, then changes it.
struct PresetAccountController: IdentityController {
    let runtime: IdentityRuntime

    struct Created: ResponseCodable {
        var accountID: UUID
        var username: String
        var enterpriseID: UUID
        /// Shown once; changed at the first sign-in.
        var temporaryPassword: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/:id/preset-account", use: create)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireOfficial(.platformAdmin)
        let enterpriseID = try context.pathID()
        let temporary = Passwords.temporary()
        let hash = await Passwords.hash(temporary, cost: runtime.settings.bcryptCost)
        let accountID = UUID()
        let name = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> String in
            guard let record = try await EnterpriseStore.load(enterpriseID, cipher: runtime.cipher, on: connection) else {
                throw APIError.notFound("enterprise")
            }
            guard record.status == "approved" else { throw APIError.conflict("the enterprise is \(record.status), not approved") }
            if try await AccountStore.load(username: record.fields.name.lowercased(), on: connection) != nil {
                throw APIError.conflict("an account named \(record.fields.name) exists already")
            }
            try await AccountStore.insertPresetEnterpriseAccount(
                id: accountID, enterpriseName: record.fields.name, passwordHash: hash, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    .accountCreated, actor: admin.accountID, subject: "account:\(accountID)",
                    detail: "preset account of enterprise \(enterpriseID)", clientIP: context.clientIP),
                on: connection)
            try await MembershipGrants(runtime: runtime).grant(
                enterpriseID: enterpriseID, accountID: accountID, role: .admin,
                expiresAt: try MembershipPeriod.expiry(period: "1y", until: nil), by: admin.accountID,
                clientIP: context.clientIP, on: connection)
            // The preset account has no phone of its own: the enterprise's SMS reach it at the
            // profile's contact phone, told again here (an enterprise imported before that phone
            // was published becomes reachable).
            try await EnterpriseContact(runtime: runtime).registered(enterpriseID, record.fields, on: connection)
            return record.fields.name
        } }
        let created = Created(accountID: accountID, username: name.lowercased(), enterpriseID: enterpriseID, temporaryPassword: temporary)
        var response = try created.response(from: request, context: context)
        response.status = .created
        return response
    }
}
