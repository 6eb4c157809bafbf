import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Personal accounts: online registration, one's own profile, and account look-up by admins.
struct PersonsController {
    let runtime: IdentityRuntime

    struct RegisterBody: Decodable {
        var username: String
        var password: String
        var realName: String
        var idNumber: String
        var phone: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/persons") { request, context -> Response in
            let body = try await request.decodeBody(RegisterBody.self, context: context)
            let username = try Inputs.username(body.username, field: "username")
            let realName = try Inputs.text(body.realName, field: "realName", max: 50)
            let idNumber = try Inputs.idNumber(body.idNumber, field: "idNumber")
            let phone = try Inputs.phone(body.phone, field: "phone")
            try PasswordPolicy.check(body.password, field: "password")
            let hash = await Passwords.hash(body.password, cost: runtime.settings.bcryptCost)
            let id = UUID()
            let sealedID = try runtime.cipher.seal(idNumber)
            let account = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> Account in
                if try await !connection.query("SELECT 1 FROM accounts WHERE username = \(username)").isEmpty {
                    throw APIError.invalid("username", "is taken")
                }
                if try await !connection.query("SELECT 1 FROM accounts WHERE id_number_hash = \(runtime.cipher.lookupHash(idNumber))").isEmpty {
                    throw APIError.invalid("idNumber", "already has an account; sign in or reset its password")
                }
                try await connection.execute(
                    """
                    INSERT INTO accounts (id, kind, username, real_name, id_number_key_id, id_number_sealed, id_number_hash, password_hash)
                    VALUES (\(id), 'person', \(username), \(realName), \(sealedID.keyID), \(sealedID.ciphertext),
                            \(runtime.cipher.lookupHash(idNumber)), \(hash))
                    """)
                guard let account = try await Account.load(id: id, on: connection) else { throw APIError.internalError }
                try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection)
                try await runtime.audit.append(.accountCreated, actor: id, subject: "account:\(id)", detail: "person", clientIP: request.clientIP, on: connection)
                return try await Account.load(id: id, on: connection) ?? account
            } }
            var response = try AccountView(account, cipher: runtime.cipher, viewer: AccessClaims(accountID: id, accountKind: .person))
                .response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/me") { _, context -> AccountView in
            let principal = try context.requirePrincipal()
            guard let account = try await runtime.pool.withConnection({ try await Account.load(id: principal.accountID, on: $0) }) else {
                throw APIError.notFound("account")
            }
            return try AccountView(account, cipher: runtime.cipher, viewer: principal)
        }
        router.get("/accounts/:id") { _, context -> AccountView in
            let principal = try context.requireOfficial(.platformAdmin, .inspector)
            let id = try context.uuid("id")
            guard let account = try await runtime.pool.withConnection({ try await Account.load(id: id, on: $0) }) else {
                throw APIError.notFound("account")
            }
            return try AccountView(account, cipher: runtime.cipher, viewer: principal)
        }
    }
}
