import Contracts
import Foundation
import PersonalData

/// Who reads a personal value in an identity response, and in what relation to it.
enum IdentityViewer: Sendable {
    /// `viewer` reading the account `ownerID` (its name, ID number, phone).
    case account(ownerID: UUID, viewer: AccessClaims?)
    /// Someone reaching an enterprise's profile at `level` (its principal's and contact's phones).
    case enterprise(EnterpriseAccess.Level)
}

/// Identity's one rule of who sees personal values whole: an account's name, ID number and phone
/// only its owner and platform admins; an enterprise's phones those who may reach it at
/// `viewWithPhones` (its members, its liaison, platform admins). Everyone else sees them masked.
enum IdentityDisclosure {
    static let policy = DisclosurePolicy<IdentityViewer> { field, viewer in
        switch viewer {
        case .account(let ownerID, let viewer):
            guard let viewer else { return false }
            return viewer.accountID == ownerID || viewer.isOfficial(.platformAdmin)
        case .enterprise(let level):
            return field == .phone && level >= .viewWithPhones
        }
    }
}
