import Contracts
import Foundation
import PersonalData
import Postgres

/// One account row, with personal data still sealed.
struct Account: Sendable {
    var id: UUID
    var kind: AccessClaims.AccountKind
    var username: String
    var realName: String
    var idNumber: SealedField?
    var phone: SealedField?
    var passwordHash: String
    var mustChangePassword: Bool
    var phoneBindingRequired: Bool
    var unitID: UUID?
    var region: String?
    var roles: [String]
    var title: String?
    var active: Bool

    static let columns = """
        id, kind, username, real_name, id_number_key_id, id_number_sealed, phone_key_id, phone_sealed, password_hash,
        must_change_password, phone_binding_required, unit_id, region, roles, title, active
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id", as: UUID.self)
        kind = AccessClaims.AccountKind(rawValue: try row.decode("kind", as: String.self)) ?? .person
        username = try row.decode("username", as: String.self)
        realName = try row.decode("real_name", as: String.self)
        idNumber = try Self.sealed(row, "id_number")
        phone = try Self.sealed(row, "phone")
        passwordHash = try row.decode("password_hash", as: String.self)
        mustChangePassword = try row.decode("must_change_password", as: Bool.self)
        phoneBindingRequired = try row.decode("phone_binding_required", as: Bool.self)
        unitID = try row.decode("unit_id", as: UUID?.self)
        region = try row.decode("region", as: String?.self)
        roles = try row.decode("roles", as: [String].self)
        title = try row.decode("title", as: String?.self)
        active = try row.decode("active", as: Bool.self)
    }

    static func sealed(_ row: PostgresRow, _ prefix: String) throws -> SealedField? {
        guard let keyID = try row.decode("\(prefix)_key_id", as: String?.self),
            let data = try row.decode("\(prefix)_sealed", as: Data?.self)
        else { return nil }
        return SealedField(keyID: keyID, ciphertext: data)
    }

    var officialRoles: [OfficialRole] { roles.compactMap(OfficialRole.init(rawValue:)) }
}
