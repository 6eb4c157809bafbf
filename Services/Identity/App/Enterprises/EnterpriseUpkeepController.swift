import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Profile upkeep by the enterprise's admins, its liaison official or a platform admin, with a
/// change history (phones appear masked in it).
struct EnterpriseUpkeepController: IdentityController {
    let runtime: IdentityRuntime

    func addRoutes(to router: Router<AppRequestContext>) {
        router.patch("/enterprises/:id", use: update)
        router.get("/enterprises/:id/changes", use: changes)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> EnterpriseView {
        let id = try context.pathID("id")
        let principal = try context.requirePrincipal()
        let patch = try await request.decodeBody(EnterpriseInput.self, context: context)
        return try await runtime.pool.withTransaction { connection in
            let (record, level) = try await EnterpriseAccess.require(principal, id, .edit, runtime: runtime, on: connection, forUpdate: true)
            guard record.status != "rejected" else { throw APIError.conflict("cannot update: the enterprise is rejected") }
            let fields = try await EnterpriseFields.validate(EnterpriseUpkeep.merge(patch, over: record.fields), on: connection)
            if fields.uscc != record.fields.uscc { try await EnterpriseStore.requireNewUSCC(
                    fields.uscc, tellingStatus: principal.hasRole(OfficialRole.platformAdmin.rawValue), on: connection) }
            let changes = EnterpriseUpkeep.diff(record.fields, fields)
            guard !changes.isEmpty else { return EnterpriseView(record, level: level) }
            try await EnterpriseStore.update(id, fields, cipher: runtime.cipher, on: connection)
            try await EnterpriseStore.recordChanges(id, changes, by: principal.accountID, on: connection)
            try await EnterpriseContact(runtime: runtime).updated(id, from: record.fields, to: fields, on: connection)
            var updated = record
            updated.fields = fields
            if record.status == "approved" {
                try await runtime.deps.outbox.append(
                    EnterpriseUpdated(
                        enterprise: updated.profile, changedFields: changes.map(\.field), updatedBy: principal.accountID,
                        updatedAt: Date()),
                    on: connection)
            }
            try await AuditTrail.append(
                AuditEntry(
                    .enterpriseUpdated, actor: principal.accountID, subject: "enterprise:\(id)",
                    detail: changes.map(\.field).joined(separator: ","), clientIP: context.clientIP),
                on: connection)
            return EnterpriseView(updated, level: level)
        }
    }

    @Sendable func changes(_ request: Request, context: AppRequestContext) async throws -> Page<EnterpriseStore.Change> {
        let id = try context.pathID("id")
        let paging = try Paging(request)
        return try await runtime.pool.withConnection { connection in
            _ = try await EnterpriseAccess.require(context.principal, id, .viewWithPhones, runtime: runtime, on: connection)
            return try await EnterpriseStore.changes(id, paging: paging, on: connection)
        }
    }
}
