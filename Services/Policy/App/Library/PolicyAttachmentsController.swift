import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// `POST /policy-attachments?fileName=…` (a unit's editors; the shared intake checks) and
/// `GET /policy-attachments/{id}`: anyone once a published policy or interpretation names the file, else its unit's
/// editors and reviewers (to anyone else it does not exist).
struct PolicyAttachmentsController {
    let runtime: PolicyRuntime
    /// Documents and pictures up to 5 MB; an MP4 (a video interpretation's file) up to 50 MB.
    let intake = AttachmentIntake(allowed: FileType.documents + [.mp4], maximumVideoSize: 50 * 1024 * 1024)

    typealias Attachment = AttachmentReceipt

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("policy-attachments", use: upload)
        router.get("policy-attachments/:id", use: download)
    }

    func upload(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Attachment> {
        let editor = try context.requireOfficial(.policyEditor)
        guard let unitID = editor.unitID else { throw APIError.forbidden }
        let file = try await intake.receive(request)
        let attachment = Attachment(file)
        try await runtime.dependencies.pool.withTransaction { connection in
            try await PolicyAttachmentStore.insert(file, id: attachment.id, unitID: unitID, by: editor.accountID, at: attachment.createdAt, on: connection)
        }
        return EditedResponse(status: .created, response: attachment)
    }

    func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let found = try await runtime.dependencies.pool.withConnection { try await PolicyAttachmentStore.file(id, on: $0) }
        guard let found else { throw APIError.notFound("attachment") }
        let staff = context.principal.map(PolicyStaff.init)?.belongs(to: found.file.owner) ?? false
        guard found.isPublic || staff else { throw APIError.notFound("attachment") }
        return found.file.response
    }
}
