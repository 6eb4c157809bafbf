import Foundation
import ServiceKit

/// The actions identity writes into the shared audit trail.
enum IdentityAudit: String, Sendable {
    case signIn = "sign-in"
    case signInFailed = "sign-in.failed"
    case lockout = "lockout"
    case signOut = "sign-out"
    case refreshReuse = "refresh.reuse"
    case passwordChanged = "password.changed"
    case passwordReset = "password.reset"
    case accountCreated = "account.created"
    case accountUpdated = "account.updated"
    case keyRotated = "key.rotated"
    case grant = "membership.granted"
    case revocation = "membership.revoked"
    case membershipRejected = "membership.rejected"
    case membershipApplied = "membership.applied"
    case enterpriseRegistered = "enterprise.registered"
    case enterpriseApproved = "enterprise.approved"
    case enterpriseRejected = "enterprise.rejected"
    case enterpriseUpdated = "enterprise.updated"
    case enterpriseImported = "enterprise.imported"
    case liaisonAssigned = "liaison.assigned"
    case liaisonUnassigned = "liaison.unassigned"
    case helpRequestDecided = "help-request.decided"
}

extension AuditEntry {
    /// An identity entry, shaped as migration 0007 moved the old `audit_log` rows: the subject kind
    /// is the action's first part, the subject its `kind:id` text, the client address in the detail.
    init(_ action: IdentityAudit, actor: UUID?, subject: String, detail: String = "", clientIP: String = "") {
        self.init(
            action: action.rawValue, subjectKind: String(action.rawValue.prefix { $0 != "." }), subjectID: subject,
            actorID: actor, detail: ["detail": .string(detail), "clientIP": .string(clientIP)])
    }
}
