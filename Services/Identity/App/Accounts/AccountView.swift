import Contracts
import Foundation
import Hummingbird
import PersonalData

/// An account as a response shows it: personal data whole to the owner and platform admins,
/// masked to everyone else.
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
        let unmasked = viewer?.accountID == account.id || (viewer?.accountKind == .official && viewer?.hasRole("platformAdmin") == true)
        id = account.id
        kind = account.kind.rawValue
        username = account.username
        realName = unmasked ? account.realName : Mask.personName(account.realName)
        let idNumber = try account.idNumber.map(cipher.open)
        let phone = try account.phone.map(cipher.open)
        self.idNumber = unmasked ? idNumber : idNumber.map(Mask.idNumber)
        self.phone = unmasked ? phone : phone.map(Mask.phone)
        unitID = account.unitID
        region = account.region
        roles = account.roles
        title = account.title
        active = account.active
        passwordChangeRequired = account.mustChangePassword
        phoneBindingRequired = account.phoneBindingRequired
        masked = !unmasked
    }
}
