import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// An official's own profile (我的资料 — 个人信息): what they keep themselves, beside what the platform
/// admins assign (unit, roles).
struct OwnProfile: ResponseCodable, Sendable {
    var accountID: UUID
    var realName: String
    var unitID: UUID?
    var unitName: String?
    var workUnit: String?
    var title: String?
    /// Personal data: shown through `IdentityDisclosure` (whole to the owner).
    var email: String?

    struct Body: Decodable, Sendable {
        var workUnit: String?
        var title: String?
        var email: String?
    }

    /// The validated replacement of the three fields (an empty or missing one clears it).
    struct Fields: Sendable {
        var workUnit: String?
        var title: String?
        var email: String?

        init(_ body: Body) throws {
            workUnit = try Validate.optionalText(body.workUnit, "workUnit", max: 100).flatMap { $0.isEmpty ? nil : $0 }
            title = try Validate.optionalText(body.title, "title", max: 100).flatMap { $0.isEmpty ? nil : $0 }
            email = try body.email.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                .map { try Validate.email($0, "email") }
        }
    }
}

extension AccountStore {
    static func ownProfile(_ id: UUID, cipher: FieldCipher, viewer: AccessClaims, on connection: PostgresConnection) async throws -> OwnProfile? {
        guard let row = try await connection.query(
            """
            SELECT a.id, a.real_name, a.unit_id, u.name AS unit_name, a.work_unit, a.title, a.email_key_id, a.email_sealed
            FROM accounts a LEFT JOIN units u ON u.id = a.unit_id WHERE a.id = \(id) AND a.kind = 'official'
            """).first
        else { return nil }
        let reader = IdentityViewer.account(ownerID: id, viewer: viewer)
        let email = try Account.sealed(row, "email").map(cipher.open)
        return OwnProfile(
            accountID: try row.decode("id"), realName: try row.decode("real_name"), unitID: try row.decode("unit_id"),
            unitName: try row.decode("unit_name"), workUnit: try row.decode("work_unit"), title: try row.decode("title"),
            email: IdentityDisclosure.policy.show(email, as: .email, to: reader))
    }

    static func updateOwnProfile(_ id: UUID, _ fields: OwnProfile.Fields, cipher: FieldCipher, on connection: PostgresConnection) async throws {
        let email = try fields.email.map(cipher.seal)
        try await connection.execute(
            """
            UPDATE accounts SET work_unit = \(fields.workUnit), title = \(fields.title), email_key_id = \(email?.keyID),
                   email_sealed = \(email?.ciphertext), updated_at = now()
            WHERE id = \(id) AND kind = 'official'
            """)
    }
}
