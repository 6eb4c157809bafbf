import Contracts
import Foundation
import Postgres
import ServiceKit

/// The admins' review of an online registration. Approval makes the registrant the enterprise's
/// first admin (for a year), so every enterprise starts with one.
struct EnterpriseReview {
    let runtime: IdentityRuntime
    static let firstAdminPeriod: TimeInterval = 365 * 24 * 3600

    func approve(_ id: UUID, by adminID: UUID, clientIP: String) async throws -> EnterpriseView {
        try await runtime.pool.withTransaction { connection in
            let record = try await pending(id, on: connection)
            try await EnterpriseStore.setStatus(id, "approved", reason: nil, by: adminID, on: connection)
            try await runtime.deps.outbox.append(
                EnterpriseApproved(enterprise: record.profile, approvedBy: adminID, approvedAt: Date()), on: connection)
            try await AuditTrail.append(
                AuditEntry(.enterpriseApproved, actor: adminID, subject: "enterprise:\(id)", clientIP: clientIP), on: connection)
            if let registrant = record.registeredBy {
                try await MembershipGrants(runtime: runtime).grant(
                    enterpriseID: id, accountID: registrant, role: .admin,
                    expiresAt: Date().addingTimeInterval(Self.firstAdminPeriod), by: adminID, clientIP: clientIP, on: connection)
            }
            var approved = record
            approved.status = "approved"
            return EnterpriseView(approved, level: .edit)
        }
    }

    func reject(_ id: UUID, reason: String, by adminID: UUID, clientIP: String) async throws -> EnterpriseView {
        try await runtime.pool.withTransaction { connection in
            var record = try await pending(id, on: connection)
            try await EnterpriseStore.setStatus(id, "rejected", reason: reason, by: adminID, on: connection)
            try await runtime.deps.outbox.append(
                EnterpriseRejected(enterpriseID: id, uscc: record.fields.uscc, reason: reason, rejectedBy: adminID, rejectedAt: Date()),
                on: connection)
            try await AuditTrail.append(
                AuditEntry(.enterpriseRejected, actor: adminID, subject: "enterprise:\(id)", detail: reason, clientIP: clientIP),
                on: connection)
            record.status = "rejected"
            record.rejectReason = reason
            return EnterpriseView(record, level: .edit)
        }
    }

    private func pending(_ id: UUID, on connection: PostgresConnection) async throws -> EnterpriseRecord {
        guard let record = try await EnterpriseStore.load(id, cipher: runtime.cipher, on: connection, forUpdate: true) else {
            throw APIError.notFound("enterprise")
        }
        guard record.status == "pending" else {
            throw APIError.conflict("cannot review: the enterprise is already \(record.status)")
        }
        return record
    }
}
