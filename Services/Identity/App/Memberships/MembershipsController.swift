import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 授权认证: a person applies to act for an enterprise; its admins grant (member or admin, for a
/// period) or reject; admins may revoke early.
struct MembershipsController {
    let runtime: IdentityRuntime

    struct ApplyBody: Decodable {
        var uscc: String
        var note: String?
    }

    struct GrantBody: Decodable {
        var role: String
        /// `3m`, `6m`, `1y` or `date` (with `until`).
        var period: String
        var until: Date?
    }

    struct ReasonBody: Decodable {
        var reason: String
    }

    struct Application: ResponseCodable, Sendable {
        var id: UUID
        var enterpriseID: UUID
        var enterpriseName: String
        var applicant: AccountView?
        var note: String
        var status: String
        var reason: String?
        var createdAt: Date
    }

    struct Membership: ResponseCodable, Sendable {
        var id: UUID
        var enterpriseID: UUID
        var enterpriseName: String
        var accountID: UUID
        var member: AccountView?
        var role: String
        var status: String
        var expiresAt: Date
        var grantedAt: Date
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/memberships/applications") { request, context -> Response in
            let person = try context.requirePerson()
            let body = try await request.decodeBody(ApplyBody.self, context: context)
            let uscc = try Inputs.uscc(body.uscc, field: "uscc")
            let note = try Inputs.text(body.note, field: "note", max: 500, required: false)
            let id = UUID()
            try await runtime.pool.withTransaction { connection in
                guard let row = try await connection.query("SELECT id FROM enterprises WHERE uscc = \(uscc) AND status = 'approved'").first else {
                    throw APIError.invalid("uscc", "no approved enterprise has this code")
                }
                let enterpriseID = try row.decode("id", as: UUID.self)
                if try await EnterpriseAccess.memberRole(person.accountID, in: enterpriseID, on: connection) != nil {
                    throw APIError.conflict("cannot apply: you are already an active member of this enterprise")
                }
                do {
                    try await connection.execute(
                        """
                        INSERT INTO membership_applications (id, enterprise_id, account_id, note, status)
                        VALUES (\(id), \(enterpriseID), \(person.accountID), \(note), 'pending')
                        """)
                } catch let error as PostgresError where error.isUniqueViolation {
                    throw APIError.conflict("cannot apply: an application to this enterprise is already pending")
                }
                try await runtime.audit.append(.membershipApplied, actor: person.accountID, subject: "application:\(id)", clientIP: request.clientIP, on: connection)
            }
            let application = try await loadApplication(id, viewer: person)
            var response = try application.response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/me/membership-applications") { request, context -> Page<Application> in
            let person = try context.requirePerson()
            return try await applications(PostgresQuery("a.account_id = \(person.accountID)"), request: request, viewer: person)
        }
        router.get("/me/memberships") { request, context -> Page<Membership> in
            let person = try context.requirePerson()
            return try await memberships(PostgresQuery("m.account_id = \(person.accountID)"), request: request, viewer: person)
        }
        router.get("/enterprises/:id/membership-applications") { request, context -> Page<Application> in
            let enterpriseID = try context.uuid("id")
            let viewer = try await requireAdmin(context.principal, of: enterpriseID)
            var filter = PostgresQuery("a.enterprise_id = \(enterpriseID)")
            if let status = request.uri.queryParameters.get("status") {
                guard ["pending", "granted", "rejected"].contains(status) else {
                    throw APIError.invalid("status", "must be pending, granted or rejected")
                }
                filter.append(" AND a.status = \(status)")
            }
            return try await applications(filter, request: request, viewer: viewer)
        }
        router.get("/enterprises/:id/members") { request, context -> Page<Membership> in
            let enterpriseID = try context.uuid("id")
            let viewer = try await requireAdmin(context.principal, of: enterpriseID)
            var filter = PostgresQuery("m.enterprise_id = \(enterpriseID)")
            if request.uri.queryParameters.get("status") != "all" { filter.append(" AND m.status = 'active'") }
            return try await memberships(filter, request: request, viewer: viewer)
        }
        MembershipDecisionRoutes(controller: self).addRoutes(to: router)
    }

    /// The caller if they administer the enterprise (its admin member, or a platform admin);
    /// 403 for its plain members, 404 for everyone else.
    func requireAdmin(_ principal: AccessClaims?, of enterpriseID: UUID) async throws -> AccessClaims {
        guard let principal else { throw APIError.unauthenticated }
        if principal.accountKind == .official && principal.hasRole("platformAdmin") {
            return principal
        }
        let role = try await runtime.pool.withConnection {
            try await EnterpriseAccess.memberRole(principal.accountID, in: enterpriseID, on: $0)
        }
        switch role {
        case .admin: return principal
        case .member: throw APIError.forbidden
        case nil: throw APIError.notFound("enterprise")
        }
    }

    func loadApplication(_ id: UUID, viewer: AccessClaims) async throws -> Application {
        let page = try await applications(PostgresQuery("a.id = \(id)"), paging: Paging(), viewer: viewer)
        guard let first = page.items.first else { throw APIError.notFound("application") }
        return first
    }

    func applications(_ filter: PostgresQuery, request: Request, viewer: AccessClaims) async throws -> Page<Application> {
        try await applications(filter, paging: try Paging(request), viewer: viewer)
    }

    func applications(_ filter: PostgresQuery, paging: Paging, viewer: AccessClaims) async throws -> Page<Application> {
        var count: PostgresQuery = "SELECT count(*) AS total FROM membership_applications a WHERE true AND "
        count.appendUnescaped(" ")
        count.append(filter)
        var list: PostgresQuery = """
            SELECT a.id, a.enterprise_id, e.name AS enterprise_name, a.account_id, a.note, a.status, a.reason, a.created_at
            FROM membership_applications a JOIN enterprises e ON e.id = a.enterprise_id WHERE true AND
            """
        list.appendUnescaped(" ")
        list.append(filter)
        list.append(" ORDER BY a.created_at DESC, a.id LIMIT \(paging.size) OFFSET \(paging.offset)")
        return try await runtime.pool.withConnection { connection in
            let total = try await connection.query(count).first?.decode("total", as: Int.self) ?? 0
            var items: [Application] = []
            for row in try await connection.query(list) {
                let applicant = try await Account.load(id: try row.decode("account_id"), on: connection)
                items.append(
                    Application(
                        id: try row.decode("id"), enterpriseID: try row.decode("enterprise_id"),
                        enterpriseName: try row.decode("enterprise_name"),
                        applicant: try applicant.map { try AccountView($0, cipher: runtime.cipher, viewer: viewer) },
                        note: try row.decode("note"), status: try row.decode("status"), reason: try row.decode("reason"),
                        createdAt: try row.decode("created_at")))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }

    func memberships(_ filter: PostgresQuery, request: Request, viewer: AccessClaims) async throws -> Page<Membership> {
        let paging = try Paging(request)
        var count: PostgresQuery = "SELECT count(*) AS total FROM memberships m WHERE true AND "
        count.appendUnescaped(" ")
        count.append(filter)
        var list: PostgresQuery = """
            SELECT m.id, m.enterprise_id, e.name AS enterprise_name, m.account_id, m.role, m.status, m.expires_at, m.granted_at
            FROM memberships m JOIN enterprises e ON e.id = m.enterprise_id WHERE true AND
            """
        list.appendUnescaped(" ")
        list.append(filter)
        list.append(" ORDER BY m.granted_at DESC, m.id LIMIT \(paging.size) OFFSET \(paging.offset)")
        return try await runtime.pool.withConnection { connection in
            let total = try await connection.query(count).first?.decode("total", as: Int.self) ?? 0
            var items: [Membership] = []
            for row in try await connection.query(list) {
                let member = try await Account.load(id: try row.decode("account_id"), on: connection)
                items.append(
                    Membership(
                        id: try row.decode("id"), enterpriseID: try row.decode("enterprise_id"),
                        enterpriseName: try row.decode("enterprise_name"), accountID: try row.decode("account_id"),
                        member: try member.map { try AccountView($0, cipher: runtime.cipher, viewer: viewer) },
                        role: try row.decode("role"), status: try row.decode("status"), expiresAt: try row.decode("expires_at"),
                        grantedAt: try row.decode("granted_at")))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
