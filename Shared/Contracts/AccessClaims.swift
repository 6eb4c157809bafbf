import Foundation

/// What an access token says about its bearer, as the identity service signs it and every other
/// service reads it to authorize locally.
public struct AccessClaims: Codable, Sendable, Equatable {
    public enum AccountKind: String, Codable, Sendable {
        case person
        case official
    }

    /// The enterprise the token acts for, and the member's role in it.
    public struct Membership: Codable, Sendable, Equatable {
        public enum Role: String, Codable, Sendable {
            case member
            case admin
        }

        public var enterpriseID: UUID
        public var uscc: String
        public var role: Role

        public init(enterpriseID: UUID, uscc: String, role: Role) {
            self.enterpriseID = enterpriseID
            self.uscc = uscc
            self.role = role
        }
    }

    public var accountID: UUID
    public var accountKind: AccountKind
    /// Official roles: `liaison`, `unitAdmin`, `dispatcher`, `inspector`, `platformAdmin`.
    public var roles: [String]
    public var unitID: UUID?
    public var region: String?
    public var membership: Membership?

    public init(
        accountID: UUID, accountKind: AccountKind, roles: [String] = [], unitID: UUID? = nil,
        region: String? = nil, membership: Membership? = nil
    ) {
        self.accountID = accountID
        self.accountKind = accountKind
        self.roles = roles
        self.unitID = unitID
        self.region = region
        self.membership = membership
    }

    public func hasRole(_ role: String) -> Bool { roles.contains(role) }
}
