import Contracts
import Crypto
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `POST /attachments?fileName=…` (raw body) and `GET /attachments/{id}`: files for the forms,
/// limited in size and type (checked by content), stored with a SHA-256 checksum.
struct AttachmentsController {
    let dependencies: ServiceDependencies

    struct Attachment: ResponseCodable {
        var id: UUID
        var fileName: String
        var contentType: String
        var size: Int
        var sha256: String
        var createdAt: Date
    }

    func register(on router: Router<AppRequestContext>) {
        router.post("attachments", use: upload)
        router.get("attachments/:id", use: download)
    }

    func upload(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Attachment> {
        let principal = try context.requirePrincipal()
        guard let membership = principal.membership else { throw APIError.forbidden }
        let fileName = try Validate.text(request.queryDictionary["fileName"] ?? "", "fileName", max: 200)
        guard !fileName.contains("/"), !fileName.contains("\\") else { throw APIError.invalid("fileName", "must be a plain file name") }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: FileType.maximumSize)
        } catch {
            throw APIError(.contentTooLarge, code: "payload_too_large", message: "attachments are limited to 5 MB", field: "body")
        }
        let data = Data(buffer: buffer)
        guard !data.isEmpty else { throw APIError.invalid("body", "is empty") }
        guard let type = FileType.detect(data, fileName: fileName) else {
            throw APIError.invalid("body", "must be a PDF, PNG, JPEG, DOCX or XLSX file whose content matches its name")
        }
        let checksum = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let attachment = Attachment(
            id: UUID(), fileName: fileName, contentType: type.rawValue, size: data.count, sha256: checksum, createdAt: Date())
        try await dependencies.pool.withTransaction { connection in
            try await connection.execute(
                """
                INSERT INTO attachments (id, enterprise_id, uploaded_by, file_name, content_type, size, sha256, data, created_at)
                VALUES (\(attachment.id), \(membership.enterpriseID), \(principal.accountID), \(fileName), \(type.rawValue),
                        \(data.count), \(checksum), \(data), \(attachment.createdAt))
                """)
        }
        return EditedResponse(status: .created, response: attachment)
    }

    /// The owner enterprise's members, and officials who may see an item whose form names the file;
    /// to anyone else the file does not exist.
    func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try CasesController.id(context)
        let row = try await dependencies.pool.withConnection { connection -> PostgresRow? in
            let rows = try await connection.query(
                "SELECT enterprise_id, file_name, content_type, sha256, data FROM attachments WHERE id = \(id)")
            guard let row = rows.first else { return nil }
            let owner: UUID = try row.decode("enterprise_id")
            if principal.membership?.enterpriseID == owner { return row }
            guard principal.accountKind == .official else { return nil }
            return try await Self.officialReaches(id, ownedBy: owner, principal: principal, on: connection) ? row : nil
        }
        guard let row else { throw APIError.notFound("attachment") }
        let data: Data = try row.decode("data")
        let type: String = try row.decode("content_type")
        let checksum: String = try row.decode("sha256")
        return Response(
            status: .ok,
            headers: [.contentType: type, .init("X-Checksum-SHA256")!: checksum, .contentDisposition: "attachment"],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// True when one of the items whose form names the attachment is visible to the official. Only the
    /// owner's items can name it (forms take only their own enterprise's files).
    static func officialReaches(
        _ id: UUID, ownedBy owner: UUID, principal: AccessClaims, on connection: PostgresConnection
    ) async throws -> Bool {
        let access = CaseAccess(principal: principal)
        let rows = try await connection.query(
            """
            SELECT \(unescaped: CaseRecord.columns) FROM cases c
            WHERE c.enterprise_id = \(owner) AND EXISTS (
                SELECT 1 FROM (
                    SELECT jsonb_path_query(c.form, '$.problem.attachments[*]') AS v
                    UNION ALL SELECT jsonb_path_query(c.form, '$.attachments[*]')
                ) named WHERE lower(named.v #>> '{}') = \(id.uuidString.lowercased()))
            """)
        for row in rows where try await access.canSee(try CaseRecord(row: row), on: connection) {
            return true
        }
        return false
    }

    /// Every attachment a form names must exist and belong to the enterprise.
    static func check(_ ids: [UUID]?, field: String, enterpriseID: UUID, on connection: PostgresConnection) async throws {
        for (index, id) in (ids ?? []).enumerated() {
            let rows = try await connection.query(
                "SELECT 1 FROM attachments WHERE id = \(id) AND enterprise_id = \(enterpriseID)")
            guard !rows.isEmpty else { throw APIError.invalid("\(field)[\(index)]", "is not one of your attachments") }
        }
    }
}
