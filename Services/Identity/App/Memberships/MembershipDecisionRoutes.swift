import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// An enterprise admin's decisions: grant or reject an application, revoke a membership early.
struct MembershipDecisionRoutes {
    let controller: MembershipsController
    var runtime: IdentityRuntime { controller.runtime }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/membership-applications/:id/grant") { request, context -> MembershipsController.Application in
            let id = try context.uuid("id")
            let body = try await request.decodeBody(MembershipsController.GrantBody.self, context: context)
            guard let role = AccessClaims.Membership.Role(rawValue: body.role) else {
                throw APIError.invalid("role", "must be member or admin")
            }
            let expiresAt = try Self.expiry(period: body.period, until: body.until)
            let enterpriseID = try await applicationEnterprise(id, principal: context.principal)
            let admin = try await controller.requireAdmin(context.principal, of: enterpriseID)
            try await runtime.pool.withTransaction { connection in
                let accountID = try await pendingApplication(id, on: connection)
                try await connection.execute(
                    """
                    UPDATE membership_applications SET status = 'granted', decided_by = \(admin.accountID), decided_at = now()
                    WHERE id = \(id)
                    """)
                try await MembershipGrants(runtime: runtime).grant(
                    enterpriseID: enterpriseID, accountID: accountID, role: role, expiresAt: expiresAt, by: admin.accountID,
                    clientIP: request.clientIP, on: connection)
            }
            return try await controller.loadApplication(id, viewer: admin)
        }
        router.post("/membership-applications/:id/rejection") { request, context -> MembershipsController.Application in
            let id = try context.uuid("id")
            let body = try await request.decodeBody(MembershipsController.ReasonBody.self, context: context)
            let reason = try Inputs.text(body.reason, field: "reason", max: 500)
            let enterpriseID = try await applicationEnterprise(id, principal: context.principal)
            let admin = try await controller.requireAdmin(context.principal, of: enterpriseID)
            try await runtime.pool.withTransaction { connection in
                _ = try await pendingApplication(id, on: connection)
                try await connection.execute(
                    """
                    UPDATE membership_applications SET status = 'rejected', reason = \(reason), decided_by = \(admin.accountID),
                        decided_at = now() WHERE id = \(id)
                    """)
                try await runtime.audit.append(
                    .membershipRejected, actor: admin.accountID, subject: "application:\(id)", detail: reason,
                    clientIP: request.clientIP, on: connection)
            }
            return try await controller.loadApplication(id, viewer: admin)
        }
        router.post("/enterprises/:id/members/:membershipID/revocation") { request, context -> Done in
            let enterpriseID = try context.uuid("id")
            let membershipID = try context.uuid("membershipID")
            let body = try await request.decodeBody(MembershipsController.ReasonBody.self, context: context)
            let reason = try Inputs.text(body.reason, field: "reason", max: 500)
            let admin = try await controller.requireAdmin(context.principal, of: enterpriseID)
            try await runtime.pool.withTransaction { connection in
                try await MembershipGrants(runtime: runtime).revoke(
                    membershipID, enterpriseID: enterpriseID, reason: reason, by: admin.accountID, clientIP: request.clientIP,
                    on: connection)
            }
            return Done()
        }
    }

    private func applicationEnterprise(_ id: UUID, principal: AccessClaims?) async throws -> UUID {
        guard principal != nil else { throw APIError.unauthenticated }
        guard let row = try await runtime.pool.query("SELECT enterprise_id FROM membership_applications WHERE id = \(id)").first else {
            throw APIError.notFound("application")
        }
        return try row.decode("enterprise_id", as: UUID.self)
    }

    private func pendingApplication(_ id: UUID, on connection: PostgresConnection) async throws -> UUID {
        guard let row = try await connection.query(
            "SELECT account_id, status FROM membership_applications WHERE id = \(id) FOR UPDATE").first
        else { throw APIError.notFound("application") }
        let status = try row.decode("status", as: String.self)
        guard status == "pending" else { throw APIError.conflict("cannot decide: the application is already \(status)") }
        return try row.decode("account_id", as: UUID.self)
    }

    /// The end of an authorization period: 3 months, 6 months, a year, or a given future date.
    static func expiry(period: String, until: Date?, now: Date = Date()) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let date: Date?
        switch period {
        case "3m": date = calendar.date(byAdding: .month, value: 3, to: now)
        case "6m": date = calendar.date(byAdding: .month, value: 6, to: now)
        case "1y": date = calendar.date(byAdding: .year, value: 1, to: now)
        case "date":
            guard let until else { throw APIError.invalid("until", "is required when period is date") }
            guard until > now else { throw APIError.invalid("until", "must be in the future") }
            guard until < now.addingTimeInterval(5 * 366 * 24 * 3600) else { throw APIError.invalid("until", "must be within 5 years") }
            date = until
        default: throw APIError.invalid("period", "must be 3m, 6m, 1y or date")
        }
        guard let date else { throw APIError.invalid("period", "could not be computed") }
        return date
    }
}
