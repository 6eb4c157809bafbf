import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The forced password change (first sign-in, after an admin reset), which for officials also
/// binds a phone; and the signed-in change of one's own password and phone.
struct PasswordChangeRoutes {
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
        router.post("/sessions/password-change") { request, context -> TokenPair in
            let body = try await request.decodeBody(TicketBody.self, context: context)
            try PasswordPolicy.check(body.newPassword, field: "newPassword")
            let phone = try body.phone.map { try Inputs.phone($0, field: "phone") }
            let hash = await Passwords.hash(body.newPassword, cost: runtime.settings.bcryptCost)
            let ip = request.clientIP
            return try await runtime.pool.withTransaction { connection in
                let rows = try await connection.query(
                    """
                    UPDATE password_change_tickets SET used_at = now()
                    WHERE token_hash = \(TokenIssuer.digest(body.changeTicket)) AND used_at IS NULL AND expires_at > now()
                    RETURNING account_id
                    """)
                guard let accountID = try rows.first?.decode("account_id", as: UUID.self),
                    var account = try await Account.load(id: accountID, on: connection, forUpdate: true)
                else { throw APIError.invalid("changeTicket", "is unknown, used or expired; sign in again") }
                if await Passwords.verify(body.newPassword, hash: account.passwordHash) {
                    throw APIError.invalid("newPassword", "must differ from the current password")
                }
                if account.phoneBindingRequired && phone == nil {
                    throw APIError.invalid("phone", "is required: bind the mobile number SMS reminders go to")
                }
                try await connection.execute(
                    """
                    UPDATE accounts SET password_hash = \(hash), must_change_password = false,
                        phone_binding_required = false, updated_at = now() WHERE id = \(account.id)
                    """)
                if let phone { try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection) }
                try await runtime.audit.append(.passwordChanged, actor: account.id, subject: "account:\(account.id)", clientIP: ip, on: connection)
                account.passwordHash = hash
                return try await TokenIssuer(runtime: runtime)
                    .issue(for: account, enterpriseID: body.enterpriseID, familyID: nil, on: connection)
            }
        }
        router.post("/me/password") { request, context -> Done in
            let principal = try context.requirePrincipal()
            let body = try await request.decodeBody(OwnPasswordBody.self, context: context)
            try PasswordPolicy.check(body.newPassword, field: "newPassword")
            guard let account = try await runtime.pool.withConnection({ try await Account.load(id: principal.accountID, on: $0) }) else {
                throw APIError.unauthenticated
            }
            guard await Passwords.verify(body.currentPassword, hash: account.passwordHash) else {
                throw APIError.invalid("currentPassword", "is wrong")
            }
            let hash = await Passwords.hash(body.newPassword, cost: runtime.settings.bcryptCost)
            try await runtime.pool.withTransaction { connection in
                try await connection.execute("UPDATE accounts SET password_hash = \(hash), updated_at = now() WHERE id = \(account.id)")
                try await runtime.audit.append(.passwordChanged, actor: account.id, subject: "account:\(account.id)", clientIP: request.clientIP, on: connection)
            }
            return Done()
        }
        router.put("/me/phone") { request, context -> Done in
            let principal = try context.requirePrincipal()
            let body = try await request.decodeBody(PhoneBody.self, context: context)
            let phone = try Inputs.phone(body.phone, field: "phone")
            try await runtime.pool.withTransaction { connection in
                guard let account = try await Account.load(id: principal.accountID, on: connection, forUpdate: true) else {
                    throw APIError.unauthenticated
                }
                try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection)
                try await runtime.audit.append(.accountUpdated, actor: account.id, subject: "account:\(account.id)", detail: "phone", on: connection)
            }
            return Done()
        }
    }
}

/// Sets an account's phone (sealed, with its lookup hash) and tells the notifications service on
/// the restricted contacts topic.
struct ContactChange {
    let runtime: IdentityRuntime

    func setPhone(_ phone: String, of account: Account, on connection: PostgresConnection) async throws {
        let sealed = try runtime.cipher.seal(phone)
        try await connection.execute(
            """
            UPDATE accounts SET phone_key_id = \(sealed.keyID), phone_sealed = \(sealed.ciphertext),
                phone_hash = \(runtime.cipher.lookupHash(phone)), updated_at = now() WHERE id = \(account.id)
            """)
        try await runtime.deps.outbox.append(
            AccountContactChanged(accountID: account.id, displayName: account.realName, phone: phone, changedAt: Date()),
            on: connection)
    }
}
