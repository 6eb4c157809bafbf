import Contracts
import Foundation
import Hummingbird
import PersonalData

/// A membership application as a response shows it (the applicant through `AccountView`).
struct MembershipApplicationView: ResponseCodable, Sendable {
    var id: UUID
    var enterpriseID: UUID
    var enterpriseName: String
    var applicant: AccountView?
    var note: String
    var status: String
    var reason: String?
    var createdAt: Date

    init(_ row: MembershipStore.ApplicationRow, cipher: FieldCipher, viewer: AccessClaims) throws {
        id = row.id
        enterpriseID = row.enterpriseID
        enterpriseName = row.enterpriseName
        applicant = try AccountView(row.applicant, cipher: cipher, viewer: viewer)
        note = row.note
        status = row.status
        reason = row.reason
        createdAt = row.createdAt
    }
}

/// A membership as a response shows it (the member through `AccountView`).
struct MembershipView: ResponseCodable, Sendable {
    var id: UUID
    var enterpriseID: UUID
    var enterpriseName: String
    var accountID: UUID
    var member: AccountView?
    var role: String
    var status: String
    var expiresAt: Date
    var grantedAt: Date

    init(_ row: MembershipStore.MembershipRow, cipher: FieldCipher, viewer: AccessClaims) throws {
        id = row.id
        enterpriseID = row.enterpriseID
        enterpriseName = row.enterpriseName
        accountID = row.member.id
        member = try AccountView(row.member, cipher: cipher, viewer: viewer)
        role = row.role
        status = row.status
        expiresAt = row.expiresAt
        grantedAt = row.grantedAt
    }
}
