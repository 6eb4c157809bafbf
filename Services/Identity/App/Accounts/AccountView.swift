import Contracts
import Foundation
import Hummingbird
import PersonalData

/// An account as a response shows it, personal data through `IdentityDisclosure`.
struct AccountView: ResponseCodable, Sendable {
    var id: UUID
    var kind: String
    var username: String
    var realName: String
    var idNumber: String?
    var phone: String?
    var unitID: UUID?
    var region: String?
    var roles: [String]
    var title: String?
    var active: Bool
    var passwordChangeRequired: Bool
    var phoneBindingRequired: Bool
    var masked: Bool

    init(_ account: Account, cipher: FieldCipher, viewer: AccessClaims?) throws {
        let policy = IdentityDisclosure.policy
        let reader = IdentityViewer.account(ownerID: account.id, viewer: viewer)
        id = account.id
        kind = account.kind.rawValue
        username = account.username
        realName = policy.show(account.realName, as: .personName, to: reader)
        idNumber = policy.show(try account.idNumber.map(cipher.open), as: .idNumber, to: reader)
        phone = policy.show(try account.phone.map(cipher.open), as: .phone, to: reader)
        unitID = account.unitID
        region = account.region
        roles = account.roles
        title = account.title
        active = account.active
        passwordChangeRequired = account.mustChangePassword
        phoneBindingRequired = account.phoneBindingRequired
        masked = !policy.seesWhole(.idNumber, reader)
    }
}
