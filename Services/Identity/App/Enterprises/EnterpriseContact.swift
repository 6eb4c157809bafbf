import Contracts
import Foundation
import Postgres

/// Tells the notifications service, on the restricted contacts topic only, the phone an enterprise
/// receives the platform's SMS on: its profile's contact phone (account guide item 3). Never on the
/// general identity topic, whose enterprise facts carry no phones.
struct EnterpriseContact {
    let runtime: IdentityRuntime

    /// After a registration or an import: the contact phone, if the profile has one.
    func registered(_ id: UUID, _ fields: EnterpriseFields, on connection: PostgresConnection) async throws {
        guard let phone = fields.contactPhone else { return }
        try await publish(id, phone: phone, on: connection)
    }

    /// After a profile edit: only when the contact phone was set, changed or removed.
    func updated(_ id: UUID, from old: EnterpriseFields, to new: EnterpriseFields, on connection: PostgresConnection) async throws {
        guard old.contactPhone != new.contactPhone else { return }
        try await publish(id, phone: new.contactPhone, on: connection)
    }

    func publish(_ id: UUID, phone: String?, on connection: PostgresConnection) async throws {
        try await runtime.deps.outbox.append(EnterpriseContactChanged(enterpriseID: id, phone: phone, changedAt: Date()), on: connection)
    }
}
