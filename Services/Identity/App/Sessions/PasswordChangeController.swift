import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The forced password change (first sign-in, after an admin reset), which for officials also
/// binds a phone; and the signed-in change of one's own password and phone.
struct PasswordChangeController: IdentityController {
    let runtime: IdentityRuntime

    struct TicketBody: Decodable {
        var changeTicket: String
        var newPassword: String
        var phone: String?
        var enterpriseID: UUID?
    }

    struct OwnPasswordBody: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    struct PhoneBody: Decodable {
        var phone: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/sessions/password-change", use: forcedChange)
        router.post("/me/password", use: changeOwnPassword)
        router.put("/me/phone", use: changeOwnPhone)
    }

    @Sendable func forcedChange(_ request: Request, context: AppRequestContext) async throws -> TokenPair {
        let body = try await request.decodeBody(TicketBody.self, context: context)
        try AccountRules.password(body.newPassword, field: "newPassword")
        let phone = try body.phone.map { try Validate.phone($0, "phone") }
        let hash = await Passwords.hash(body.newPassword, cost: runtime.settings.bcryptCost)
        let ip = context.clientIP
        return try await runtime.pool.withTransaction { connection in
            guard let accountID = try await SessionStore.useChangeTicket(digest: TokenIssuer.digest(body.changeTicket), on: connection),
                var account = try await AccountStore.load(id: accountID, on: connection, forUpdate: true)
            else { throw APIError(.unauthorized, code: "invalid_ticket", message: "is unknown, used or expired; sign in again", field: "changeTicket") }
            if await Passwords.verify(body.newPassword, hash: account.passwordHash) {
                throw APIError.invalid("newPassword", "must differ from the current password")
            }
            if account.phoneBindingRequired && phone == nil {
                throw APIError.invalid("phone", "is required: bind the mobile number SMS reminders go to")
            }
            try await AccountStore.completeForcedChange(account.id, passwordHash: hash, on: connection)
            if let phone { try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection) }
            try await AuditTrail.append(
                AuditEntry(.passwordChanged, actor: account.id, subject: "account:\(account.id)", clientIP: ip), on: connection)
            account.passwordHash = hash
            return try await TokenIssuer(runtime: runtime)
                .issue(for: account, enterpriseID: body.enterpriseID, familyID: nil, on: connection)
        }
    }

    @Sendable func changeOwnPassword(_ request: Request, context: AppRequestContext) async throws -> Done {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeBody(OwnPasswordBody.self, context: context)
        try AccountRules.password(body.newPassword, field: "newPassword")
        guard let account = try await runtime.pool.withConnection({ try await AccountStore.load(id: principal.accountID, on: $0) }) else {
            throw APIError.unauthenticated
        }
        guard await Passwords.verify(body.currentPassword, hash: account.passwordHash) else {
            throw APIError(.forbidden, code: "wrong_password", message: "is wrong", field: "currentPassword")
        }
        let hash = await Passwords.hash(body.newPassword, cost: runtime.settings.bcryptCost)
        try await runtime.pool.withTransaction { connection in
            try await AccountStore.setPassword(hash, of: account.id, on: connection)
            try await AuditTrail.append(
                AuditEntry(.passwordChanged, actor: account.id, subject: "account:\(account.id)", clientIP: context.clientIP),
                on: connection)
        }
        return Done()
    }

    @Sendable func changeOwnPhone(_ request: Request, context: AppRequestContext) async throws -> Done {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeBody(PhoneBody.self, context: context)
        let phone = try Validate.phone(body.phone, "phone")
        try await runtime.pool.withTransaction { connection in
            guard let account = try await AccountStore.load(id: principal.accountID, on: connection, forUpdate: true) else {
                throw APIError.unauthenticated
            }
            try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection)
            try await AuditTrail.append(
                AuditEntry(.accountUpdated, actor: account.id, subject: "account:\(account.id)", detail: "phone"), on: connection)
        }
        return Done()
    }
}
