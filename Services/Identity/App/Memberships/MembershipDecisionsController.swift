import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// An enterprise admin's decisions: grant or reject an application, revoke a membership early.
struct MembershipDecisionsController: IdentityController {
    let runtime: IdentityRuntime

    struct GrantBody: Decodable {
        var role: String
        /// `3m`, `6m`, `1y` or `date` (with `until`).
        var period: String
        var until: Date?
    }

    struct ReasonBody: Decodable {
        var reason: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/membership-applications/:id/grant", use: grant)
        router.post("/membership-applications/:id/rejection", use: reject)
        router.post("/enterprises/:id/members/:membershipID/revocation", use: revoke)
    }

    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> MembershipApplicationView {
        _ = try context.requirePrincipal()  // a guest gets 401 before the body is read
        let id = try context.pathID("id")
        let body = try await request.decodeBody(GrantBody.self, context: context)
        guard let role = AccessClaims.Membership.Role(rawValue: body.role) else {
            throw APIError.invalid("role", "must be member or admin")
        }
        let expiresAt = try MembershipPeriod.expiry(period: body.period, until: body.until)
        let enterpriseID = try await applicationEnterprise(id, principal: context.principal)
        let admin = try await EnterpriseAccess.requireAdmin(context.principal, of: enterpriseID, runtime: runtime)
        try await runtime.pool.withTransaction { connection in
            let accountID = try await MembershipStore.lockPendingApplication(id, on: connection)
            try await MembershipStore.decideApplication(id, status: "granted", reason: nil, by: admin.accountID, on: connection)
            try await MembershipGrants(runtime: runtime).grant(
                enterpriseID: enterpriseID, accountID: accountID, role: role, expiresAt: expiresAt, by: admin.accountID,
                clientIP: context.clientIP, on: connection)
        }
        return try await MembershipsController(runtime: runtime).application(id, viewer: admin)
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> MembershipApplicationView {
        _ = try context.requirePrincipal()  // a guest gets 401 before the body is read
        let id = try context.pathID("id")
        let body = try await request.decodeBody(ReasonBody.self, context: context)
        let reason = try Validate.text(body.reason, "reason", max: 500)
        let enterpriseID = try await applicationEnterprise(id, principal: context.principal)
        let admin = try await EnterpriseAccess.requireAdmin(context.principal, of: enterpriseID, runtime: runtime)
        try await runtime.pool.withTransaction { connection in
            _ = try await MembershipStore.lockPendingApplication(id, on: connection)
            try await MembershipStore.decideApplication(id, status: "rejected", reason: reason, by: admin.accountID, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    .membershipRejected, actor: admin.accountID, subject: "application:\(id)", detail: reason,
                    clientIP: context.clientIP),
                on: connection)
        }
        return try await MembershipsController(runtime: runtime).application(id, viewer: admin)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Done {
        _ = try context.requirePrincipal()  // a guest gets 401 before the body is read
        let enterpriseID = try context.pathID("id")
        let membershipID = try context.pathID("membershipID")
        let body = try await request.decodeBody(ReasonBody.self, context: context)
        let reason = try Validate.text(body.reason, "reason", max: 500)
        let admin = try await EnterpriseAccess.requireAdmin(context.principal, of: enterpriseID, runtime: runtime)
        try await runtime.pool.withTransaction { connection in
            try await MembershipGrants(runtime: runtime).revoke(
                membershipID, enterpriseID: enterpriseID, reason: reason, by: admin.accountID, clientIP: context.clientIP,
                on: connection)
        }
        return Done()
    }

    private func applicationEnterprise(_ id: UUID, principal: AccessClaims?) async throws -> UUID {
        guard principal != nil else { throw APIError.unauthenticated }
        guard let enterpriseID = try await runtime.pool.withConnection({ try await MembershipStore.applicationEnterprise(id, on: $0) }) else {
            throw APIError.notFound("application")
        }
        return enterpriseID
    }
}
