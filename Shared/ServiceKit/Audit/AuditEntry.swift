import Contracts
import Foundation

/// One administrative state change for the audit trail: who (and in which role), what, on which
/// subject, with whatever detail tells the change (before/after values, a reason, the client address).
public struct AuditEntry: Sendable {
    public var action: String
    public var subjectKind: String
    public var subjectID: String
    public var actorID: UUID?
    public var actorRole: String
    public var detail: [String: JSONValue]

    public init(
        action: String, subjectKind: String, subjectID: String, actorID: UUID?, actorRole: String = "",
        detail: [String: JSONValue] = [:]
    ) {
        self.action = action
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.actorID = actorID
        self.actorRole = actorRole
        self.detail = detail
    }

    /// An entry made by `principal`, acting in the first of `roles` it holds (officials), or as a person.
    public init(
        action: String, subjectKind: String, subjectID: String, by principal: AccessClaims?, acting roles: [OfficialRole] = [],
        detail: [String: JSONValue] = [:]
    ) {
        let role: String
        if let principal, principal.accountKind == .official {
            role = roles.first { principal.hasRole($0.rawValue) }?.rawValue ?? principal.roles.first ?? "official"
        } else {
            role = principal == nil ? "" : "person"
        }
        self.init(
            action: action, subjectKind: subjectKind, subjectID: subjectID, actorID: principal?.accountID, actorRole: role,
            detail: detail)
    }
}

/// One row of the audit trail as read back.
public struct AuditRecord: Codable, Sendable, Equatable {
    public var seq: Int64
    public var at: Date
    public var actorID: UUID?
    public var actorRole: String
    public var action: String
    public var subjectKind: String
    public var subjectID: String
    public var detail: [String: JSONValue]
}

/// The result of recomputing the chain: how many rows, and the first row that does not hold.
public struct AuditVerification: Codable, Sendable, Equatable {
    public var rows: Int
    public var valid: Bool
    /// The first row whose hash, predecessor or sequence does not match, when the chain is broken.
    public var brokenAt: Int64?

    public init(rows: Int, valid: Bool, brokenAt: Int64?) {
        self.rows = rows
        self.valid = valid
        self.brokenAt = brokenAt
    }
}
