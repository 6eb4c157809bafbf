import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Officials and staff, managed by platform admins: created with a temporary password that must
/// be changed (and a phone bound) at first sign-in.
struct OfficialsController {
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
        router.post("/officials") { request, context -> Response in
            let admin = try context.requireOfficial(.platformAdmin)
            let body = try await request.decodeBody(CreateBody.self, context: context)
            let username = try Inputs.username(body.username, field: "username")
            let realName = try Inputs.text(body.realName, field: "realName", max: 50)
            let roles = try Self.roles(body.roles)
            let title = try Inputs.text(body.title, field: "title", max: 100, required: false)
            let temporary = Passwords.temporary()
            let hash = await Passwords.hash(temporary, cost: runtime.settings.bcryptCost)
            let id = UUID()
            let account = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> Account in
                let region = try await Self.unitRegion(body.unitID, on: connection)
                if try await !connection.query("SELECT 1 FROM accounts WHERE username = \(username)").isEmpty {
                    throw APIError.invalid("username", "is taken")
                }
                try await connection.execute(
                    """
                    INSERT INTO accounts (id, kind, username, real_name, password_hash, must_change_password,
                        phone_binding_required, unit_id, region, roles, title)
                    VALUES (\(id), 'official', \(username), \(realName), \(hash), true, true, \(body.unitID), \(region),
                            \(roles.map(\.rawValue)), \(title.isEmpty ? nil : title))
                    """)
                guard let account = try await Account.load(id: id, on: connection) else { throw APIError.internalError }
                try await runtime.deps.outbox.append(OfficialCreated(official: Self.profile(account), createdAt: Date()), on: connection)
                try await runtime.audit.append(
                    .accountCreated, actor: admin.accountID, subject: "account:\(id)",
                    detail: "official roles=\(roles.map(\.rawValue).joined(separator: ","))", clientIP: request.clientIP, on: connection)
                return account
            } }
            let created = Created(account: try AccountView(account, cipher: runtime.cipher, viewer: admin), temporaryPassword: temporary)
            var response = try created.response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/officials") { request, context -> Page<AccountView> in
            let viewer = try context.requireOfficial(.platformAdmin, .inspector, .dispatcher, .unitAdmin)
            let paging = try Paging(request)
            var filter = PostgresQueryBuilder(" WHERE kind = 'official'")
            if let role = request.uri.queryParameters.get("role") {
                guard OfficialRole(rawValue: role) != nil else { throw APIError.invalid("role", "is not an official role") }
                filter.query.append(" AND \(role) = ANY(roles)")
            }
            if let unit = request.uri.queryParameters.get("unitID") {
                guard let unitID = UUID(uuidString: unit) else { throw APIError.invalid("unitID", "must be a UUID") }
                filter.query.append(" AND unit_id = \(unitID)")
            }
            var count = PostgresQueryBuilder("SELECT count(*) AS total FROM accounts")
            count.query.append(filter.query)
            var list = PostgresQueryBuilder("SELECT \(Account.columns) FROM accounts")
            list.query.append(filter.query)
            list.query.append(" ORDER BY username LIMIT \(paging.size) OFFSET \(paging.offset)")
            let total = try await runtime.pool.query(count.query).first?.decode("total", as: Int.self) ?? 0
            let items = try await runtime.pool.query(list.query).map {
                try AccountView(try Account(row: $0), cipher: runtime.cipher, viewer: viewer)
            }
            return Page(items: items, paging: paging, total: total)
        }
        router.patch("/officials/:id") { request, context -> AccountView in
            let admin = try context.requireOfficial(.platformAdmin)
            let id = try context.uuid("id")
            let body = try await request.decodeBody(UpdateBody.self, context: context)
            let roles = try body.roles.map(Self.roles)
            let realName = try body.realName.map { try Inputs.text($0, field: "realName", max: 50) }
            return try await runtime.pool.withTransaction { connection in
                guard var account = try await Account.load(id: id, on: connection, forUpdate: true), account.kind == .official else {
                    throw APIError.notFound("official")
                }
                if let unitID = body.unitID {
                    account.region = try await Self.unitRegion(unitID, on: connection)
                    account.unitID = unitID
                }
                if let roles { account.roles = roles.map(\.rawValue) }
                if let realName { account.realName = realName }
                if let title = body.title { account.title = try Inputs.text(title, field: "title", max: 100, required: false) }
                if let active = body.active { account.active = active }
                try await connection.execute(
                    """
                    UPDATE accounts SET real_name = \(account.realName), unit_id = \(account.unitID), region = \(account.region),
                        roles = \(account.roles), title = \(account.title), active = \(account.active), updated_at = now()
                    WHERE id = \(id)
                    """)
                if !account.active {
                    try await connection.execute(
                        "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = \(id) AND revoked_at IS NULL")
                }
                try await runtime.deps.outbox.append(OfficialUpdated(official: Self.profile(account), updatedAt: Date()), on: connection)
                try await runtime.audit.append(.accountUpdated, actor: admin.accountID, subject: "account:\(id)", clientIP: request.clientIP, on: connection)
                return try AccountView(account, cipher: runtime.cipher, viewer: admin)
            }
        }
        router.post("/officials/:id/password-reset") { request, context -> Created in
            let admin = try context.requireOfficial(.platformAdmin)
            let id = try context.uuid("id")
            let temporary = Passwords.temporary()
            let hash = await Passwords.hash(temporary, cost: runtime.settings.bcryptCost)
            return try await runtime.pool.withTransaction { connection in
                guard let account = try await Account.load(id: id, on: connection, forUpdate: true), account.kind == .official else {
                    throw APIError.notFound("official")
                }
                try await connection.execute(
                    "UPDATE accounts SET password_hash = \(hash), must_change_password = true, updated_at = now() WHERE id = \(id)")
                try await connection.execute(
                    "UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = \(id) AND revoked_at IS NULL")
                try await runtime.audit.append(.passwordReset, actor: admin.accountID, subject: "account:\(id)", clientIP: request.clientIP, on: connection)
                return Created(account: try AccountView(account, cipher: runtime.cipher, viewer: admin), temporaryPassword: temporary)
            }
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

    static func unitRegion(_ unitID: UUID, on connection: PostgresConnection) async throws -> String {
        guard let row = try await connection.query("SELECT region FROM units WHERE id = \(unitID)").first else {
            throw APIError.invalid("unitID", "is not a known unit")
        }
        return try row.decode("region", as: String.self)
    }

    static func profile(_ account: Account) -> OfficialProfile {
        OfficialProfile(
            officialID: account.id, name: account.realName, unitID: account.unitID ?? UUID(), region: account.region ?? "",
            roles: account.officialRoles, active: account.active)
    }
}
