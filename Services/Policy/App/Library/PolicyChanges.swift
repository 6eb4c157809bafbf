import Contracts
import Foundation
import Postgres
import ServiceKit

/// What every change of a policy shares: the locked row (404 to anyone who may not see it), the
/// status history and the audit trail, in the change's transaction.
struct PolicyChanges {
    let runtime: PolicyRuntime

    /// Runs `change` on the locked policy `id`, then records `action` (history + audit) with the
    /// state it left. `change` answers the record's new state's reason, if any.
    func change(
        _ id: UUID, action: String, by claims: AccessClaims, acting role: OfficialRole,
        _ change: (PolicyRecord, PolicyStaff, PostgresConnection) async throws -> String?
    ) async throws -> PolicyView {
        let staff = PolicyStaff(claims)
        let now = Date()
        return try await runtime.dependencies.pool.withTransaction { connection in
            guard let before = try await PolicyStore.load(id, lock: true, on: connection),
                before.status != .unpublished || staff.belongs(to: before.agencyID)
            else { throw APIError.notFound("policy") }
            let reason = try await change(before, staff, connection)
            guard let after = try await PolicyStore.load(id, on: connection) else { throw APIError.notFound("policy") }
            try await record(after, action: action, by: claims, acting: role, reason: reason, at: now, on: connection)
            return PolicyView(after, staff: true)
        }
    }

    func record(
        _ after: PolicyRecord, action: String, by claims: AccessClaims, acting role: OfficialRole, reason: String?, at now: Date,
        on connection: PostgresConnection
    ) async throws {
        try await PolicyStore.recordHistory(
            after.id, action: action, status: after.status, review: after.review, by: claims.accountID, role: role, reason: reason,
            at: now, on: connection)
        var detail: [String: JSONValue] = [
            "status": .string(after.status.rawValue), "reviewState": .string(after.review.rawValue), "version": .int(after.version),
        ]
        if let reason { detail["reason"] = .string(reason) }
        if let pending = after.pending { detail["pending"] = try AuditDetail.value(pending) }
        try await AuditTrail.append(
            AuditEntry(action: action, subjectKind: "policy", subjectID: after.id.uuidString.lowercased(), by: claims, acting: [role], detail: detail),
            at: now, on: connection)
    }

    /// Checks `content` against the reference data, the unit's files and the unit's region.
    func check(_ content: PolicyContent, unitID: UUID, on connection: PostgresConnection) async throws {
        guard let unit = try await ReferenceStore.unit(unitID, on: connection) else {
            throw APIError(.conflict, code: "unit_unknown", message: "your unit is not known to the policy service yet")
        }
        try PolicyWorkflow.checkScope(unitRegion: unit.region, region: content.region)
        if try await !ReferenceStore.unknown([content.policyType], kind: .policyType, on: connection).isEmpty {
            throw APIError.unknown("policyType", "is not an active policy type")
        }
        if let subsidy = content.subsidyType, try await !ReferenceStore.unknown([subsidy], kind: .subsidyType, on: connection).isEmpty {
            throw APIError.unknown("subsidyType", "is not an active subsidy type")
        }
        if let tag = try await ReferenceStore.unknown(content.tags, kind: .tag, on: connection).first,
            let index = content.tags.firstIndex(of: tag) {
            throw APIError.unknown("tags[\(index)]", "is not an active tag")
        }
        for (index, id) in content.attachments.enumerated() where try await !PolicyAttachmentStore.belongs(id, to: unitID, on: connection) {
            throw APIError.unknown("attachments[\(index)]", "is not one of your unit's attachments")
        }
    }
}
