import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// `POST /attachments?fileName=…` (raw body) and `GET /attachments/{id}`: files for the forms,
/// limited in size and type (checked by content), stored with a SHA-256 checksum.
struct AttachmentsController {
    let runtime: AppealsRuntime
    let intake = AttachmentIntake()

    typealias Attachment = AttachmentReceipt

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("attachments", use: upload)
        router.get("attachments/:id", use: download)
    }

    func upload(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Attachment> {
        let (principal, membership) = try context.requireMember()
        let file = try await intake.receive(request)
        let attachment = Attachment(file)
        try await runtime.dependencies.pool.withTransaction { connection in
            try await AttachmentStore.insert(
                file, id: attachment.id, enterpriseID: membership.enterpriseID, by: principal.accountID, at: attachment.createdAt,
                on: connection)
        }
        return EditedResponse(status: .created, response: attachment)
    }

    /// To anyone the readers' rule refuses, the file does not exist.
    func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathID()
        let file = try await runtime.dependencies.pool.withConnection { try await AttachmentStore.file(id, on: $0) }
        return try await AttachmentReaders(pool: runtime.dependencies.pool).download(file, by: principal)
    }
}
