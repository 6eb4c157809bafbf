import Contracts
import Foundation
import Hummingbird

/// Typed path parameters and role checks: one way for every route.
extension AppRequestContext {
    /// A UUID path parameter, or a 400 naming it.
    public func pathID(_ name: String = "id") throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw APIError.invalid(name, "must be a UUID")
        }
        return id
    }

    /// A whole-number path parameter within `range`, or a 400 naming it.
    public func pathNumber(_ name: String, in range: ClosedRange<Int> = 1...Int.max) throws -> Int {
        guard let text = parameters.get(name), let number = Int(text), range.contains(number) else {
            throw APIError.invalid(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A text path parameter (a code or key), non-empty and at most `maxLength` characters, or a 400 naming it.
    public func pathText(_ name: String, maxLength: Int = 64) throws -> String {
        guard let text = parameters.get(name), !text.isEmpty, text.count <= maxLength, !text.unicodeScalars.contains("\u{0}") else {
            throw APIError.invalid(name, "must be 1 to \(maxLength) characters")
        }
        return text
    }

    /// An official holding one of `roles` (401 without a token, 403 otherwise).
    public func requireOfficial(_ roles: OfficialRole...) throws -> AccessClaims {
        try requireOfficial(anyOf: roles)
    }

    public func requireOfficial(anyOf roles: [OfficialRole]) throws -> AccessClaims {
        let principal = try requirePrincipal()
        guard principal.accountKind == .official, roles.contains(where: { principal.hasRole($0.rawValue) }) else {
            throw APIError.forbidden
        }
        return principal
    }

    /// A personal (enterprise-side) account, with or without a membership.
    public func requirePerson() throws -> AccessClaims {
        let principal = try requirePrincipal()
        guard principal.accountKind == .person else { throw APIError.forbidden }
        return principal
    }

    /// A person acting for an enterprise (its token carries a membership; `admin` requires that role).
    public func requireMember(admin: Bool = false) throws -> (principal: AccessClaims, membership: AccessClaims.Membership) {
        let principal = try requirePerson()
        guard let membership = principal.membership, !admin || membership.role == .admin else { throw APIError.forbidden }
        return (principal, membership)
    }
}

extension AccessClaims {
    /// Whether this is an official holding any of `roles`.
    public func isOfficial(_ roles: OfficialRole...) -> Bool {
        accountKind == .official && roles.contains { hasRole($0.rawValue) }
    }
}
