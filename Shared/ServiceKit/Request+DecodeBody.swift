import Contracts
import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, answering a field-named 400 (`problem.title is required`) when it does
    /// not fit, 413 when it is over the context's upload limit and 415 when it is not sent as
    /// `application/json` (a `charset` parameter is fine).
    public func decodeBody<Body: Decodable>(_ type: Body.Type, context: AppRequestContext) async throws -> Body {
        try requireJSONContentType()
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, code: "payload_too_large", message: "the request body is too large", field: "body")
        }
        do {
            return try EventJSON.makeDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError(decoding: error, body: Data(buffer: buffer))
        }
    }

    /// 415 naming `Content-Type` unless the media type is `application/json`.
    public func requireJSONContentType() throws {
        let mediaType = headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send the body as application/json", field: "Content-Type")
        }
    }
}
