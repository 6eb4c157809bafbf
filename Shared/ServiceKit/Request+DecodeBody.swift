import Contracts
import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, answering a field-named 400 (`problem.title is required`) when it does
    /// not fit and 413 when it is over the context's upload limit.
    public func decodeBody<Body: Decodable>(_ type: Body.Type, context: AppRequestContext) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, code: "payload_too_large", message: "the request body is too large", field: "body")
        }
        do {
            return try EventJSON.makeDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError(decoding: error)
        }
    }
}
