import Crypto
import Foundation
import Hummingbird

/// An uploaded file that passed the checks: a plain name, an allowed type its content matches, at
/// most the size limit, with its SHA-256 (lower-case hex).
public struct CheckedFile: Sendable {
    public var fileName: String
    public var type: FileType
    public var data: Data
    public var sha256: String
}

/// Receives attachments (`POST …?fileName=…` with the raw file as body): the content-checked
/// allow-list, the size limit and the checksum, the same for every feature that takes files. Where
/// the file is stored and who may read it back belong to the feature (see `AttachmentAccess`).
public struct AttachmentIntake: Sendable {
    public var allowed: [FileType]
    public var maximumSize: Int
    /// The limit for a video, where `allowed` has one.
    public var maximumVideoSize: Int

    public init(allowed: [FileType] = FileType.documents, maximumSize: Int = 5 * 1024 * 1024, maximumVideoSize: Int? = nil) {
        self.allowed = allowed
        self.maximumSize = maximumSize
        self.maximumVideoSize = maximumVideoSize ?? maximumSize
    }

    /// The most a request body may hold: the video limit when videos are allowed.
    var collectionLimit: Int {
        allowed.contains(where: \.isVideo) ? max(maximumSize, maximumVideoSize) : maximumSize
    }

    private static func megabytes(_ bytes: Int) -> Int { bytes / (1024 * 1024) }

    private var limitText: String {
        let base = "attachments are limited to \(Self.megabytes(maximumSize)) MB"
        return collectionLimit > maximumSize ? base + " (videos \(Self.megabytes(maximumVideoSize)) MB)" : base
    }

    /// The request's file, or a 400 naming `fileName` or `body` (413 when it is too large).
    public func receive(_ request: Request) async throws -> CheckedFile {
        let fileName = try Validate.text(request.uri.queryParameters.get("fileName"), "fileName", max: 200)
        guard !fileName.contains("/"), !fileName.contains("\\") else { throw APIError.invalid("fileName", "must be a plain file name") }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: collectionLimit)
        } catch {
            throw APIError(.contentTooLarge, code: "payload_too_large", message: limitText, field: "body")
        }
        return try check(Data(buffer: buffer), fileName: fileName)
    }

    public func check(_ data: Data, fileName: String) throws -> CheckedFile {
        guard !data.isEmpty else { throw APIError.invalid("body", "is empty") }
        guard let type = FileType.detect(data, fileName: fileName), allowed.contains(type) else {
            let names = allowed.map(\.name)
            throw APIError.invalid(
                "body", "must be a \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "") file whose content matches its name")
        }
        guard data.count <= (type.isVideo ? maximumVideoSize : maximumSize) else {
            throw APIError(.contentTooLarge, code: "payload_too_large", message: limitText, field: "body")
        }
        return CheckedFile(fileName: fileName, type: type, data: data, sha256: Self.sha256(data))
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
