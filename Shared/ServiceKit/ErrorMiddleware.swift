import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Postgres

/// Turns every error a route throws into a JSON error body, so no client ever sees a bare 500,
/// a stack trace, SQL, or a broker detail.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, logger: context.logger)
            return try apiError.response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DecodingError:
            return APIError(decoding: error)
        case let error as PostgresError where error.isConnectionError:
            logger.warning("database unreachable", metadata: ["error": "\(error.code)"])
            return .databaseUnavailable
        case let error as any HTTPResponseError:
            return APIError(
                error.status, code: Self.code(for: error.status),
                message: error.status.reasonPhrase.isEmpty ? "request failed" : error.status.reasonPhrase)
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return .internalError
        }
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 429: "rate_limited"
        case 500...: "internal"
        default: "request_failed"
        }
    }
}
