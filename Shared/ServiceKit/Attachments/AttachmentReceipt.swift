import Foundation
import Hummingbird

/// What an upload answers: the stored file's id, name, checked type, size and checksum.
public struct AttachmentReceipt: ResponseCodable, Sendable {
    public var id: UUID
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var createdAt: Date

    /// The receipt of `file` stored as `id` at `createdAt`.
    public init(_ file: CheckedFile, id: UUID = UUID(), createdAt: Date = Date()) {
        self.id = id
        fileName = file.fileName
        contentType = file.type.rawValue
        size = file.data.count
        sha256 = file.sha256
        self.createdAt = createdAt
    }
}
