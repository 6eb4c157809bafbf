import Contracts
import Foundation
import Hummingbird
import Logging

/// The request context of every service: the request id and, when a valid token came with the
/// request, who is asking.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Nil for guests (no token).
    public var principal: AccessClaims?
    public var requestID: String = ""
    /// The socket's peer address; nil when the request did not come over a socket (in-process tests).
    public let peerAddress: String?
    /// The client's address as far as it can be believed (see `ClientAddressMiddleware`, which sets it
    /// where a service asks for it); the peer address otherwise.
    public var clientIP: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.clientIP = peerAddress ?? "127.0.0.1"
    }

    public var maxUploadSize: Int { 10 * 1024 * 1024 }

    /// Every response of every service: keys as the Swift properties spell them (`accountID`), dates
    /// ISO 8601 in UTC to the second.
    public var responseEncoder: JSONEncoder { APIJSON.makeEncoder() }

    /// The signed-in caller, or 401.
    public func requirePrincipal() throws -> AccessClaims {
        guard let principal else { throw APIError.unauthenticated }
        return principal
    }

    /// The signed-in caller holding one of `roles`, or 401/403.
    public func requireRole(_ roles: String...) throws -> AccessClaims {
        let principal = try requirePrincipal()
        guard roles.contains(where: principal.hasRole) else { throw APIError.forbidden }
        return principal
    }
}
