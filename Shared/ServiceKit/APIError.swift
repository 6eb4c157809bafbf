import Foundation
import HTTPTypes
import Hummingbird

/// The one error every HTTP route throws for a client-visible failure.
///
/// Its body is `{ "error": { "code", "message", "field"? } }`. `field` names the input at fault
/// (a JSON path like `problem.title`, or a query/path parameter).
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, message: String, field: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", message: message, field: field)
    }

    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) not found")
    }

    /// A request names (in `field`) something that does not exist, e.g. a unit or an official by ID: 404,
    /// so a request the OpenAPI document allows never gets 400 for what only the data decides.
    public static func unknown(_ field: String, _ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message, field: field)
    }

    /// An action the item's current state does not allow; the message names the state.
    public static func conflict(_ message: String) -> APIError {
        APIError(.conflict, code: "invalid_state", message: message)
    }

    public static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated", message: "sign in to do this",
        headers: [.wwwAuthenticate: "Bearer"])

    public static let forbidden = APIError(.forbidden, code: "forbidden", message: "not allowed for this account")

    public static let databaseUnavailable = APIError(
        .serviceUnavailable, code: "database_unavailable",
        message: "the database is unreachable; try again shortly", headers: [.retryAfter: "5"])

    public static let internalError = APIError(
        .internalServerError, code: "internal", message: "something went wrong on our side")

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorBody(error: .init(code: code, message: message, field: field))
        let data = try JSONEncoder().encode(body)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ErrorBody: Codable {
        struct Detail: Codable {
            var code: String
            var message: String
            var field: String?
        }

        var error: Detail
    }
}
