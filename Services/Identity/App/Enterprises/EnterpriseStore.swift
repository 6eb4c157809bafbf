import Contracts
import Foundation
import PersonalData
import Postgres
import ServiceKit
import Validators

/// Every statement on enterprises: profiles (phones sealed), their status history and change log.
enum EnterpriseStore {
    struct ListFilter: Sendable {
        var status: String?
        var region: String?
        var industry: String?
        /// Part of the name (wildcards taken literally) or the whole USCC.
        var text: String?
        /// Only the enterprises this liaison official looks after.
        var liaisonID: UUID?
    }

    struct StatusEntry: Codable, Sendable {
        var status: String
        var reason: String?
        var actorID: UUID?
        var at: Date
    }

    struct Change: Codable, Sendable {
        var field: String
        var oldValue: String?
        var newValue: String?
        var actorID: UUID
        var at: Date
    }

    static func load(_ id: UUID, cipher: FieldCipher, on connection: PostgresConnection, forUpdate: Bool = false) async throws -> EnterpriseRecord? {
        var query: PostgresQuery = "SELECT \(unescaped: EnterpriseRecord.columns) FROM enterprises WHERE id = \(id)"
        if forUpdate { query.appendUnescaped(" FOR UPDATE") }
        return try await connection.query(query).first.map { try EnterpriseRecord(row: $0, cipher: cipher) }
    }

    /// Newest first, each shown as `view` makes it.
    static func list<View>(
        _ filter: ListFilter, paging: Paging, cipher: FieldCipher, on connection: PostgresConnection,
        _ view: (EnterpriseRecord) throws -> View
    ) async throws -> Page<View> {
        var query: PostgresQuery = "SELECT \(unescaped: EnterpriseRecord.columns) FROM enterprises WHERE true"
        if let status = filter.status { query.append(" AND status = \(status)") }
        if let region = filter.region { query.append(" AND region = \(region)") }
        if let industry = filter.industry { query.append(" AND industry = \(industry)") }
        if let text = filter.text {
            query.append(" AND (name LIKE \(LikePattern.containing(text)) OR uscc = \(text.uppercased()))")
        }
        if let liaisonID = filter.liaisonID {
            query.append(
                " AND id IN (SELECT enterprise_id FROM liaison_assignments WHERE official_id = \(liaisonID) AND ended_at IS NULL)")
        }
        return try await connection.page(query, orderBy: "created_at DESC, id", paging: paging) {
            try view(EnterpriseRecord(row: $0, cipher: cipher))
        }
    }

    /// The id of the approved enterprise holding `uscc`.
    static func approvedID(uscc: String, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query("SELECT id FROM enterprises WHERE uscc = \(uscc) AND status = 'approved'")
            .first?.decode("id", as: UUID.self)
    }

    /// A 400 on `uscc` when an enterprise already holds it; the registration's status is told only
    /// when `tellingStatus` (platform admins), never to a registrant probing USCCs.
    static func requireNewUSCC(_ uscc: String, tellingStatus: Bool, on connection: PostgresConnection) async throws {
        if let row = try await connection.query("SELECT status FROM enterprises WHERE uscc = \(uscc)").first {
            guard tellingStatus else { throw APIError(.conflict, code: "already_registered", message: "is already registered", field: "uscc") }
            let status = try row.decode("status", as: String.self)
            throw APIError(.conflict, code: "already_registered", message: "is already registered (status: \(status))", field: "uscc")
        }
    }

    static func regionExists(_ code: String, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.query("SELECT 1 FROM regions WHERE code = \(code)").isEmpty
    }

    static func industryExists(_ section: String, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.query("SELECT 1 FROM industries WHERE section = \(section)").isEmpty
    }

    /// Inserts a new enterprise with sealed phones, and its first status.
    static func insert(
        id: UUID, _ fields: EnterpriseFields, status: String, origin: String, registeredBy: UUID?, cipher: FieldCipher,
        on connection: PostgresConnection
    ) async throws {
        let principal = try cipher.seal(fields.principalPhone)
        let contact = try fields.contactPhone.map(cipher.seal)
        try await connection.execute(
            """
            INSERT INTO enterprises (id, uscc, name, region, industry, ownership, employee_band, address, principal_name,
                principal_title, principal_phone_key_id, principal_phone_sealed, contact_name, contact_title,
                contact_phone_key_id, contact_phone_sealed, overview, tags, status, origin, registered_by)
            VALUES (\(id), \(fields.uscc), \(fields.name), \(fields.region), \(fields.industry), \(fields.ownership),
                \(fields.employeeBand), \(fields.address), \(fields.principalName), \(fields.principalTitle),
                \(principal.keyID), \(principal.ciphertext), \(fields.contactName), \(fields.contactTitle),
                \(contact?.keyID), \(contact?.ciphertext), \(fields.overview), \(fields.tags), \(status), \(origin), \(registeredBy))
            """)
        try await connection.execute(
            "INSERT INTO enterprise_status_history (enterprise_id, status, actor_id) VALUES (\(id), \(status), \(registeredBy))")
    }

    /// Writes every profile field (phones sealed afresh).
    static func update(_ id: UUID, _ fields: EnterpriseFields, cipher: FieldCipher, on connection: PostgresConnection) async throws {
        let principalPhone = try cipher.seal(fields.principalPhone)
        let contactPhone = try fields.contactPhone.map(cipher.seal)
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
    }

    static func setStatus(_ id: UUID, _ status: String, reason: String?, by actor: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE enterprises SET status = \(status), reject_reason = \(reason), updated_at = now() WHERE id = \(id)")
        try await connection.execute(
            """
            INSERT INTO enterprise_status_history (enterprise_id, status, reason, actor_id)
            VALUES (\(id), \(status), \(reason), \(actor))
            """)
    }

    static func statusHistory(_ id: UUID, on connection: PostgresConnection) async throws -> [StatusEntry] {
        try await connection.query(
            "SELECT status, reason, actor_id, at FROM enterprise_status_history WHERE enterprise_id = \(id) ORDER BY id"
        ).map {
            StatusEntry(status: try $0.decode("status"), reason: try $0.decode("reason"), actorID: try $0.decode("actor_id"), at: try $0.decode("at"))
        }
    }

    static func recordChanges(
        _ id: UUID, _ changes: [EnterpriseChange], by actor: UUID, on connection: PostgresConnection
    ) async throws {
        for change in changes {
            try await connection.execute(
                """
                INSERT INTO enterprise_changes (enterprise_id, field, old_value, new_value, actor_id)
                VALUES (\(id), \(change.field), \(change.old), \(change.new), \(actor))
                """)
        }
    }

    static func changes(_ id: UUID, paging: Paging, on connection: PostgresConnection) async throws -> Page<Change> {
        try await connection.page(
            "SELECT id, field, old_value, new_value, actor_id, at FROM enterprise_changes WHERE enterprise_id = \(id)",
            orderBy: "id DESC", paging: paging
        ) {
            Change(
                field: try $0.decode("field"), oldValue: try $0.decode("old_value"), newValue: try $0.decode("new_value"),
                actorID: try $0.decode("actor_id"), at: try $0.decode("at"))
        }
    }
}
