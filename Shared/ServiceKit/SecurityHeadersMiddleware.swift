import HTTPTypes
import Hummingbird

/// The headers every response of every service carries, and the methods every service refuses:
/// `X-Content-Type-Options: nosniff` always; `Cache-Control: no-store` unless a route chose its own
/// caching (so tokens and personal data are never stored by a browser or proxy); no `Server`
/// header. `TRACE`, `CONNECT` and methods HTTP does not define get 405 before any route runs.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public static var allowedMethods: Set<HTTPRequest.Method> { [.get, .head, .post, .put, .patch, .delete, .options] }

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        if Self.allowedMethods.contains(request.method) {
            response = try await next(request, context)
        } else {
            response = try APIError(
                .methodNotAllowed, code: "method_not_allowed", message: "the method \(request.method.rawValue) is not allowed",
                headers: [.allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"]
            ).response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        response.headers[.server] = nil
        return response
    }
}
