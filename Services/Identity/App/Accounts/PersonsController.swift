import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Personal accounts: online registration, one's own profile, and account look-up by admins.
struct PersonsController: IdentityController {
    let runtime: IdentityRuntime

    struct RegisterBody: Decodable {
        var username: String
        var password: String
        var realName: String
        var idNumber: String
        var phone: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/persons", use: register)
        router.get("/me", use: me)
        router.get("/accounts/:id", use: account)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeBody(RegisterBody.self, context: context)
        let username = try AccountRules.username(body.username, field: "username")
        let realName = try Validate.text(body.realName, "realName", max: 50)
        let idNumber = try Validate.idNumber(body.idNumber, "idNumber")
        let phone = try Validate.phone(body.phone, "phone")
        try AccountRules.password(body.password, field: "password")
        let hash = await Passwords.hash(body.password, cost: runtime.settings.bcryptCost)
        let id = UUID()
        let sealedID = try runtime.cipher.seal(idNumber)
        let idNumberHash = runtime.cipher.lookupHash(idNumber)
        let account = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> Account in
            try await AccountStore.requireFreeUsername(username, on: connection)
            if try await AccountStore.idNumberTaken(hash: idNumberHash, on: connection) {
                throw APIError(.conflict, code: "already_registered", message: "already has an account; sign in or reset its password", field: "idNumber")
            }
            try await AccountStore.insertPerson(
                id: id, username: username, realName: realName, idNumber: sealedID, idNumberHash: idNumberHash,
                passwordHash: hash, on: connection)
            guard let account = try await AccountStore.load(id: id, on: connection) else { throw APIError.internalError }
            try await ContactChange(runtime: runtime).setPhone(phone, of: account, on: connection)
            try await AuditTrail.append(
                AuditEntry(.accountCreated, actor: id, subject: "account:\(id)", detail: "person", clientIP: context.clientIP),
                on: connection)
            return try await AccountStore.load(id: id, on: connection) ?? account
        } }
        var response = try AccountView(account, cipher: runtime.cipher, viewer: AccessClaims(accountID: id, accountKind: .person))
            .response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> AccountView {
        let principal = try context.requirePrincipal()
        return try await view(principal.accountID, viewer: principal)
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> AccountView {
        let principal = try context.requireOfficial(.platformAdmin, .inspector)
        return try await view(try context.pathID("id"), viewer: principal)
    }

    private func view(_ id: UUID, viewer: AccessClaims) async throws -> AccountView {
        guard let account = try await runtime.pool.withConnection({ try await AccountStore.load(id: id, on: $0) }) else {
            throw APIError.notFound("account")
        }
        return try AccountView(account, cipher: runtime.cipher, viewer: viewer)
    }
}
