import Hummingbird

/// Reads `Authorization: Bearer <token>`: a valid token sets `context.principal`; a bad or expired
/// one is a 401; no token means a guest, and routes decide what guests may see.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    private let verifier: TokenVerifier

    public init(verifier: TokenVerifier) {
        self.verifier = verifier
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        guard header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, code: "invalid_token", message: "use a Bearer token", field: "Authorization")
        }
        var context = context
        do {
            context.principal = try await verifier.verify(String(header.dropFirst(7)))
        } catch TokenError.keysUnavailable {
            throw APIError(
                .serviceUnavailable, code: "keys_unavailable",
                message: "token keys are not available yet; try again shortly", headers: [.retryAfter: "5"])
        } catch {
            throw APIError(
                .unauthorized, code: "invalid_token", message: "the access token is invalid or expired",
                field: "Authorization", headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        return try await next(request, context)
    }
}
