import Contracts
import Foundation
import PersonalData
import Postgres

/// One enterprise row with its phones still sealed.
struct EnterpriseRecord: Sendable {
    var id: UUID
    var fields: EnterpriseFields
    var status: String
    var origin: String
    var registeredBy: UUID?
    var rejectReason: String?
    var createdAt: Date

    static let columns = """
        id, uscc, name, region, industry, ownership, employee_band, address, principal_name, principal_title,
        principal_phone_key_id, principal_phone_sealed, contact_name, contact_title, contact_phone_key_id,
        contact_phone_sealed, overview, tags, status, origin, registered_by, reject_reason, created_at
        """

    init(row: PostgresRow, cipher: FieldCipher) throws {
        id = try row.decode("id")
        let principalPhone = try Account.sealed(row, "principal_phone").map(cipher.open) ?? ""
        let contactPhone = try Account.sealed(row, "contact_phone").map(cipher.open)
        fields = EnterpriseFields(
            uscc: try row.decode("uscc"), name: try row.decode("name"), region: try row.decode("region"),
            industry: try row.decode("industry"), ownership: try row.decode("ownership"),
            employeeBand: try row.decode("employee_band"), address: try row.decode("address"),
            principalName: try row.decode("principal_name"), principalTitle: try row.decode("principal_title"),
            principalPhone: principalPhone, contactName: try row.decode("contact_name"),
            contactTitle: try row.decode("contact_title"), contactPhone: contactPhone,
            overview: try row.decode("overview"), tags: try row.decode("tags"))
        status = try row.decode("status")
        origin = try row.decode("origin")
        registeredBy = try row.decode("registered_by")
        rejectReason = try row.decode("reject_reason")
        createdAt = try row.decode("created_at")
    }

    static func load(_ id: UUID, cipher: FieldCipher, on connection: PostgresConnection, forUpdate: Bool = false) async throws -> EnterpriseRecord? {
        var query: PostgresQuery = "SELECT \(unescaped: columns) FROM enterprises WHERE id = \(id)"
        if forUpdate { query.appendUnescaped(" FOR UPDATE") }
        return try await connection.query(query).first.map { try EnterpriseRecord(row: $0, cipher: cipher) }
    }

    var profile: EnterpriseProfile {
        EnterpriseProfile(
            enterpriseID: id, uscc: fields.uscc, name: fields.name, region: fields.region, industry: fields.industry,
            tags: fields.tags)
    }

    /// Inserts a new enterprise with sealed phones.
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
}
