import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// `/appeals` and `/complaints`: submit, queues, detail, archive; the transitions live in
/// `CasesController+Transitions.swift`.
struct CasesController: Sendable {
    let kind: CaseKind
    let runtime: AppealsRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    var cipher: FieldCipher { runtime.cipher }

    var workflow: CaseWorkflow { CaseWorkflow(dependencies: dependencies) }

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group(RouterPath(kind.path))
        group.post(use: submit)
        group.get(use: list)
        group.get(":id", use: detail)
        group.get(":id/archive", use: archive)
        group.get(":id/dispatch-sheet", use: dispatchSheet)
        addTransitionRoutes(to: group)
        addMajorMatterRoutes(to: group)
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CaseSummary> {
        let (principal, _) = try context.requireMember()
        let draft: CaseSubmission.Draft
        switch kind {
        case .appeal:
            let form = try await request.decodeBody(AppealForm.self, context: context).validated(now: Date())
            draft = try appealDraft(form)
        case .complaint:
            let form = try await request.decodeBody(ComplaintForm.self, context: context).validated()
            draft = try complaintDraft(form)
        }
        let record = try await CaseSubmission(dependencies: dependencies, cipher: cipher).submit(draft, by: principal)
        return EditedResponse(status: .created, response: CaseSummary(record, liaisonName: nil, now: Date()))
    }

    func appealDraft(_ form: AppealForm) throws -> CaseSubmission.Draft {
        CaseSubmission.Draft(
            kind: .appeal, title: form.problem.title, detail: form.problem.detail, category: form.problem.category,
            categoryField: "problem.category", region: form.basic.region, regionField: "basic.region",
            form: try PostgresJSON(encoding: form.withoutPersonalData, encoder: EventJSON.makeEncoder()),
            personal: form.personalValues, publicRequested: false, attachments: form.problem.attachments,
            attachmentsField: "problem.attachments")
    }

    func complaintDraft(_ form: ComplaintForm) throws -> CaseSubmission.Draft {
        CaseSubmission.Draft(
            kind: .complaint, title: form.title, detail: form.content, category: form.category, categoryField: "category",
            region: nil, regionField: "enterprise",
            form: try PostgresJSON(encoding: form.withoutPersonalData, encoder: EventJSON.makeEncoder()),
            personal: form.personalValues, publicRequested: form.isPublic, attachments: form.attachments,
            attachmentsField: "attachments")
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<CaseSummary> {
        let principal = try context.requirePrincipal()
        let parameters = try CaseQueues.Parameters(request.queryDictionary, principal: principal)
        return try await CaseQueues(pool: dependencies.pool).list(kind, parameters, principal: principal)
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> CaseDetail {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await CaseStore.read(id, kind: kind, on: connection),
                try await access.canSee(record, on: connection)
            else { throw APIError.notFound(kind.rawValue) }
            return try await CaseDetail.load(
                record, shownAs: access.relation(to: record), policy: runtime.disclosure, cipher: cipher, on: connection)
        }
    }

    /// The archive (档案): every transition in order.
    func archive(_ request: Request, context: AppRequestContext) async throws -> Page<CaseStore.ArchiveEntry> {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let id = try context.pathID()
        let paging = try Paging(request)
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await CaseStore.read(id, kind: kind, on: connection),
                try await access.canSee(record, on: connection)
            else { throw APIError.notFound(kind.rawValue) }
            return try await CaseStore.archive(of: id, paging: paging, on: connection)
        }
    }
}
