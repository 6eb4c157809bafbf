import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 授权认证: a person applies to act for an enterprise; its admins list applications and members
/// (their decisions are `MembershipDecisionsController`).
struct MembershipsController: IdentityController {
    let runtime: IdentityRuntime

    struct ApplyBody: Decodable {
        var uscc: String
        var note: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/memberships/applications", use: apply)
        router.get("/me/membership-applications", use: ownApplications)
        router.get("/me/memberships", use: ownMemberships)
        router.get("/enterprises/:id/membership-applications", use: enterpriseApplications)
        router.get("/enterprises/:id/members", use: members)
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try context.requirePerson()
        let body = try await request.decodeBody(ApplyBody.self, context: context)
        let uscc = try Validate.uscc(body.uscc, "uscc")
        let note = try Validate.text(body.note, "note", max: 500, required: false)
        let id = UUID()
        try await runtime.pool.withTransaction { connection in
            guard let enterpriseID = try await EnterpriseStore.approvedID(uscc: uscc, on: connection) else {
                throw APIError.unknown("uscc", "no approved enterprise has this code")
            }
            if try await MembershipStore.activeRole(of: person.accountID, in: enterpriseID, on: connection) != nil {
                throw APIError.conflict("cannot apply: you are already an active member of this enterprise")
            }
            try await MembershipStore.insertApplication(
                id: id, enterpriseID: enterpriseID, accountID: person.accountID, note: note, on: connection)
            try await AuditTrail.append(
                AuditEntry(.membershipApplied, actor: person.accountID, subject: "application:\(id)", clientIP: context.clientIP),
                on: connection)
        }
        var response = try await application(id, viewer: person).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func ownApplications(_ request: Request, context: AppRequestContext) async throws -> Page<MembershipApplicationView> {
        let person = try context.requirePerson()
        return try await applications(accountID: person.accountID, paging: try Paging(request), viewer: person)
    }

    @Sendable func ownMemberships(_ request: Request, context: AppRequestContext) async throws -> Page<MembershipView> {
        let person = try context.requirePerson()
        let paging = try Paging(request)
        return try await runtime.pool.withConnection { connection in
            try await MembershipStore.memberships(accountID: person.accountID, activeOnly: false, paging: paging, on: connection) {
                try MembershipView($0, cipher: runtime.cipher, viewer: person)
            }
        }
    }

    @Sendable func enterpriseApplications(_ request: Request, context: AppRequestContext) async throws -> Page<MembershipApplicationView> {
        let enterpriseID = try context.pathID("id")
        let viewer = try await EnterpriseAccess.requireAdmin(context.principal, of: enterpriseID, runtime: runtime)
        let status = request.uri.queryParameters.get("status")
        if let status, !["pending", "granted", "rejected"].contains(status) {
            throw APIError.invalid("status", "must be pending, granted or rejected")
        }
        return try await applications(enterpriseID: enterpriseID, status: status, paging: try Paging(request), viewer: viewer)
    }

    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> Page<MembershipView> {
        let enterpriseID = try context.pathID("id")
        let viewer = try await EnterpriseAccess.requireAdmin(context.principal, of: enterpriseID, runtime: runtime)
        let activeOnly = request.uri.queryParameters.get("status") != "all"
        let paging = try Paging(request)
        return try await runtime.pool.withConnection { connection in
            try await MembershipStore.memberships(enterpriseID: enterpriseID, activeOnly: activeOnly, paging: paging, on: connection) {
                try MembershipView($0, cipher: runtime.cipher, viewer: viewer)
            }
        }
    }

    /// One application as `viewer` sees it.
    func application(_ id: UUID, viewer: AccessClaims) async throws -> MembershipApplicationView {
        guard let first = try await applications(id: id, paging: Paging(), viewer: viewer).items.first else {
            throw APIError.notFound("application")
        }
        return first
    }

    private func applications(
        id: UUID? = nil, enterpriseID: UUID? = nil, accountID: UUID? = nil, status: String? = nil, paging: Paging,
        viewer: AccessClaims
    ) async throws -> Page<MembershipApplicationView> {
        try await runtime.pool.withConnection { connection in
            try await MembershipStore.applications(
                id: id, enterpriseID: enterpriseID, accountID: accountID, status: status, paging: paging, on: connection
            ) { try MembershipApplicationView($0, cipher: runtime.cipher, viewer: viewer) }
        }
    }
}
