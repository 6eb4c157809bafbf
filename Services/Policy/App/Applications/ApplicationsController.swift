import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 政策兑现 applications (申报): applicants upload their materials' files and apply for a published
/// item in its window; the implementing unit accepts, returns, and concludes (`ApplicationWorkflow`).
struct ApplicationsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    var workflow: ApplicationWorkflow { ApplicationWorkflow(dependencies: runtime.dependencies) }
    let intake = AttachmentIntake()

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("application-files", use: upload)
        router.get("application-files/:id", use: download)
        router.post("redemption-items/:id/applications", use: submit)
        router.get("redemption-applications", use: list)
        router.get("redemption-applications/:id", use: show)
        router.put("redemption-applications/:id/materials", use: resubmit)
        router.post("redemption-applications/:id/accept", use: accept)
        router.post("redemption-applications/:id/return", use: sendBack)
        router.post("redemption-applications/:id/conclude", use: conclude)
    }

    /// A person (an enterprise's member or an individual) uploads a material's file.
    func upload(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AttachmentReceipt> {
        let person = try context.requirePerson()
        let file = try await intake.receive(request)
        let receipt = AttachmentReceipt(file)
        try await dependencies.pool.withTransaction { connection in
            try await ApplicationFileStore.insert(
                file, id: receipt.id, by: person.accountID, enterpriseID: person.membership?.enterpriseID, at: receipt.createdAt, on: connection)
        }
        return EditedResponse(status: .created, response: receipt)
    }

    /// The uploader, and the readers of an application that names the file; to others it does not exist.
    func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathID()
        let readable = try await dependencies.pool.withConnection { connection -> Response? in
            guard let found = try await ApplicationFileStore.file(id, on: connection) else { return nil }
            if found.file.owner.uploadedBy == principal.accountID { return found.file.response }
            for applicationID in found.applications {
                if let record = try await ApplicationStore.find(applicationID, forUpdate: false, on: connection),
                    ApplicationAccess.sees(principal, record)
                {
                    return found.file.response
                }
            }
            return nil
        }
        guard let readable else { throw APIError.notFound("attachment") }
        return readable
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ApplicationView> {
        let person = try context.requirePerson()
        let itemID = try context.pathID()
        let materials = try await request.decodeBody(ApplicationInput.Materials.self, context: context).validated()
        let record = try await workflow.submit(to: itemID, materials: materials, by: person)
        return EditedResponse(status: .created, response: try await detail(record))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<ApplicationView> {
        let principal = try context.requirePrincipal()
        let paging = try Paging(request)
        let filter = try ApplicationFilter(request, principal: principal)
        let page = try await dependencies.pool.withConnection { try await ApplicationStore.list(filter, paging: paging, on: $0) }
        let now = Date()
        return Page(items: page.items.map { ApplicationView($0, now: now) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> ApplicationView {
        let principal = try context.requirePrincipal()
        let id = try context.pathID()
        let record = try await dependencies.pool.withConnection { try await ApplicationStore.find(id, forUpdate: false, on: $0) }
        guard let record, ApplicationAccess.sees(principal, record) else { throw APIError.notFound(ApplicationStore.noun) }
        return try await detail(record)
    }

    func resubmit(_ request: Request, context: AppRequestContext) async throws -> ApplicationView {
        let person = try context.requirePerson()
        let id = try context.pathID()
        let materials = try await request.decodeBody(ApplicationInput.Materials.self, context: context).validated()
        return try await detail(try await workflow.resubmit(id, materials: materials, by: person))
    }

    func accept(_ request: Request, context: AppRequestContext) async throws -> ApplicationView {
        let official = try context.requireOfficial(.policyEditor, .policyReviewer, .inspector)
        return try await detail(try await workflow.accept(try context.pathID(), by: official))
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> ApplicationView {
        let official = try context.requireOfficial(.policyEditor, .policyReviewer, .inspector)
        let id = try context.pathID()
        let reason = try await request.decodeBody(ApplicationInput.Return.self, context: context).validated()
        return try await detail(try await workflow.sendBack(id, reason: reason, by: official))
    }

    func conclude(_ request: Request, context: AppRequestContext) async throws -> ApplicationView {
        let official = try context.requireOfficial(.policyEditor, .policyReviewer, .inspector)
        let id = try context.pathID()
        let conclusion = try await request.decodeBody(ApplicationInput.Conclusion.self, context: context).validated()
        return try await detail(try await workflow.conclude(id, conclusion, by: official))
    }

    /// The application with its materials, its stages and its marks.
    private func detail(_ record: ApplicationRecord) async throws -> ApplicationView {
        var view = ApplicationView(record)
        view.materials = record.materials
        try await dependencies.pool.withConnection { connection in
            view.history = try await ApplicationStore.stages(of: record.id, on: connection)
            view.marks = try await ApplicationStore.marks(of: record.id, on: connection)
        }
        return view
    }
}
