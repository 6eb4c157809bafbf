import Hummingbird

/// Sets `context.clientIP`: the first `X-Forwarded-For` hop when the request came from a trusted
/// proxy (the gateway replaces that header with the address it saw), otherwise the socket's peer
/// address, so a client cannot choose its own address by sending the header itself.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let trusted: TrustedProxies

    public init(trusted: TrustedProxies) {
        self.trusted = trusted
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.clientIP = Self.clientAddress(
            peer: context.peerAddress, forwardedFor: request.headers[.init("X-Forwarded-For")!], trusted: trusted)
        return try await next(request, context)
    }

    /// A request with no socket (served in-process, as tests do) counts as coming from loopback.
    static func clientAddress(peer: String?, forwardedFor: String?, trusted: TrustedProxies) -> String {
        let peer = peer ?? "127.0.0.1"
        guard trusted.contains(peer), let forwardedFor,
            let first = forwardedFor.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        else { return peer }
        return String(first.prefix(64))
    }
}
