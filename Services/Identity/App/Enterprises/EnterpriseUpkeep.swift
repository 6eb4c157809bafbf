import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// Profile upkeep by the enterprise's admins, its liaison official or a platform admin, with a
/// change history (phones appear masked in it).
struct EnterpriseUpkeep {
    let runtime: IdentityRuntime

    struct Change: Codable, Sendable {
        var field: String
        var oldValue: String?
        var newValue: String?
        var actorID: UUID
        var at: Date
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.patch("/enterprises/:id") { request, context -> EnterpriseView in
            let id = try context.uuid("id")
            let principal = try context.requirePrincipal()
            let patch = try await request.decodeBody(EnterpriseInput.self, context: context)
            return try await runtime.pool.withTransaction { connection in
                let (record, _) = try await EnterpriseAccess.require(principal, id, .edit, runtime: runtime, on: connection, forUpdate: true)
                guard record.status != "rejected" else { throw APIError.conflict("cannot update: the enterprise is rejected") }
                let fields = try await EnterpriseFields.validate(Self.merge(patch, over: record.fields), on: connection)
                if fields.uscc != record.fields.uscc { try await EnterprisesController.requireNewUSCC(fields.uscc, on: connection) }
                let changes = Self.diff(record.fields, fields)
                guard !changes.isEmpty else { return EnterpriseView(record, showPhones: true) }
                let principalPhone = try runtime.cipher.seal(fields.principalPhone)
                let contactPhone = try fields.contactPhone.map(runtime.cipher.seal)
                try await connection.execute(
                    """
                    UPDATE enterprises SET uscc = \(fields.uscc), name = \(fields.name), region = \(fields.region),
                        industry = \(fields.industry), ownership = \(fields.ownership), employee_band = \(fields.employeeBand),
                        address = \(fields.address), principal_name = \(fields.principalName), principal_title = \(fields.principalTitle),
                        principal_phone_key_id = \(principalPhone.keyID), principal_phone_sealed = \(principalPhone.ciphertext),
                        contact_name = \(fields.contactName), contact_title = \(fields.contactTitle),
                        contact_phone_key_id = \(contactPhone?.keyID), contact_phone_sealed = \(contactPhone?.ciphertext),
                        overview = \(fields.overview), tags = \(fields.tags), updated_at = now()
                    WHERE id = \(id)
                    """)
                for change in changes {
                    try await connection.execute(
                        """
                        INSERT INTO enterprise_changes (enterprise_id, field, old_value, new_value, actor_id)
                        VALUES (\(id), \(change.field), \(change.old), \(change.new), \(principal.accountID))
                        """)
                }
                var updated = record
                updated.fields = fields
                if record.status == "approved" {
                    try await runtime.deps.outbox.append(
                        EnterpriseUpdated(
                            enterprise: updated.profile, changedFields: changes.map(\.field), updatedBy: principal.accountID,
                            updatedAt: Date()),
                        on: connection)
                }
                try await runtime.audit.append(
                    .enterpriseUpdated, actor: principal.accountID, subject: "enterprise:\(id)",
                    detail: changes.map(\.field).joined(separator: ","), clientIP: request.clientIP, on: connection)
                return EnterpriseView(updated, showPhones: true)
            }
        }
        router.get("/enterprises/:id/changes") { request, context -> Page<Change> in
            let id = try context.uuid("id")
            let paging = try Paging(request)
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, id, .viewWithPhones, runtime: runtime, on: connection)
                let total = try await connection.query("SELECT count(*) AS n FROM enterprise_changes WHERE enterprise_id = \(id)")
                    .first?.decode("n", as: Int.self) ?? 0
                let rows = try await connection.query(
                    """
                    SELECT field, old_value, new_value, actor_id, at FROM enterprise_changes WHERE enterprise_id = \(id)
                    ORDER BY id DESC LIMIT \(paging.size) OFFSET \(paging.offset)
                    """)
                let items = try rows.map {
                    Change(
                        field: try $0.decode("field"), oldValue: try $0.decode("old_value"), newValue: try $0.decode("new_value"),
                        actorID: try $0.decode("actor_id"), at: try $0.decode("at"))
                }
                return Page(items: items, paging: paging, total: total)
            }
        }
    }

    static func merge(_ patch: EnterpriseInput, over current: EnterpriseFields) -> EnterpriseInput {
        EnterpriseInput(
            uscc: patch.uscc ?? current.uscc, name: patch.name ?? current.name, region: patch.region ?? current.region,
            industry: patch.industry ?? current.industry, ownership: patch.ownership ?? current.ownership,
            employeeBand: patch.employeeBand ?? current.employeeBand, address: patch.address ?? current.address,
            principal: .init(
                name: patch.principal?.name ?? current.principalName, title: patch.principal?.title ?? current.principalTitle,
                phone: patch.principal?.phone ?? current.principalPhone),
            contact: .init(
                name: patch.contact?.name ?? current.contactName, title: patch.contact?.title ?? current.contactTitle,
                phone: patch.contact?.phone ?? current.contactPhone),
            overview: patch.overview ?? current.overview, tags: patch.tags ?? current.tags)
    }

    static func diff(_ old: EnterpriseFields, _ new: EnterpriseFields) -> [(field: String, old: String?, new: String?)] {
        var changes: [(field: String, old: String?, new: String?)] = []
        func compare(_ field: String, _ a: String?, _ b: String?, masked: Bool = false) {
            guard a != b else { return }
            changes.append((field, masked ? a.map(Mask.phone) : a, masked ? b.map(Mask.phone) : b))
        }
        compare("uscc", old.uscc, new.uscc)
        compare("name", old.name, new.name)
        compare("region", old.region, new.region)
        compare("industry", old.industry, new.industry)
        compare("ownership", old.ownership, new.ownership)
        compare("employeeBand", old.employeeBand, new.employeeBand)
        compare("address", old.address, new.address)
        compare("principal.name", old.principalName, new.principalName)
        compare("principal.title", old.principalTitle, new.principalTitle)
        compare("principal.phone", old.principalPhone, new.principalPhone, masked: true)
        compare("contact.name", old.contactName, new.contactName)
        compare("contact.title", old.contactTitle, new.contactTitle)
        compare("contact.phone", old.contactPhone, new.contactPhone, masked: true)
        compare("overview", old.overview, new.overview)
        compare("tags", old.tags.joined(separator: ","), new.tags.joined(separator: ","))
        return changes
    }
}
