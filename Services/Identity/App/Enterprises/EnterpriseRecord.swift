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

    var profile: EnterpriseProfile {
        EnterpriseProfile(
            enterpriseID: id, uscc: fields.uscc, name: fields.name, region: fields.region, industry: fields.industry,
            tags: fields.tags)
    }
}
