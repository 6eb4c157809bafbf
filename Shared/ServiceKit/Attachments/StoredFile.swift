import Contracts
import Foundation
import Hummingbird

/// A stored attachment as read back for download, with whatever the feature's access rule needs
/// to know about it (`Owner`: say, the enterprise it belongs to).
public struct StoredFile<Owner: Sendable>: Sendable {
    public var owner: Owner
    public var fileName: String
    public var contentType: String
    public var sha256: String
    public var data: Data

    public init(owner: Owner, fileName: String, contentType: String, sha256: String, data: Data) {
        self.owner = owner
        self.fileName = fileName
        self.contentType = contentType
        self.sha256 = sha256
        self.data = data
    }

    /// The file as a download, its checksum in `X-Checksum-SHA256`.
    public var response: Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .init("X-Checksum-SHA256")!: sha256, .contentDisposition: "attachment"],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// Who may read a stored file: supplied by the feature that owns the files. To anyone it refuses,
/// the file does not exist (404, not 403).
public protocol AttachmentAccess: Sendable {
    associatedtype Owner: Sendable
    func mayRead(_ file: StoredFile<Owner>, by principal: AccessClaims) async throws -> Bool
}

extension AttachmentAccess {
    /// `file` as a download when `principal` may read it; 404 otherwise.
    public func download(_ file: StoredFile<Owner>?, by principal: AccessClaims) async throws -> Response {
        guard let file, try await mayRead(file, by: principal) else { throw APIError.notFound("attachment") }
        return file.response
    }
}
