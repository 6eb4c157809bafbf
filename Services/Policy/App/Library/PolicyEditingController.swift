import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// An editor of a unit drafts its policies and revisions and submits them for review; the unit's
/// editors and reviewers see what is pending (`/policy-drafts`).
struct PolicyEditingController {
    let runtime: PolicyRuntime
    var changes: PolicyChanges { PolicyChanges(runtime: runtime) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("policies", use: create)
        router.put("policies/:id", use: edit)
        router.post("policies/:id/submission", use: submit)
        router.get("policy-drafts", use: drafts)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<PolicyView> {
        let editor = try context.requireOfficial(.policyEditor)
        guard let unitID = editor.unitID else { throw APIError.forbidden }
        let now = Date()
        let content = try await request.decodeBody(PolicyInput.self, context: context).content(now: now)
        let id = UUID()
        let view = try await runtime.dependencies.pool.withTransaction { connection in
            try await changes.check(content, unitID: unitID, on: connection)
            try await PolicyStore.insert(id, content: content, agencyID: unitID, by: editor.accountID, at: now, on: connection)
            guard let after = try await PolicyStore.load(id, on: connection) else { throw APIError.notFound("policy") }
            try await changes.record(after, action: "drafted", by: editor, acting: .policyEditor, reason: nil, at: now, on: connection)
            return PolicyView(after, staff: true)
        }
        return EditedResponse(status: .created, response: view)
    }

    /// A new draft of the content: before the first publication, or a revision of a published policy
    /// (the public version stays until a reviewer publishes the revision).
    func edit(_ request: Request, context: AppRequestContext) async throws -> PolicyView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let now = Date()
        let content = try await request.decodeBody(PolicyInput.self, context: context).content(now: now)
        return try await changes.change(id, action: "edited", by: editor, acting: .policyEditor) { record, staff, connection in
            try PolicyWorkflow.checkEdit(status: record.status, review: record.review, agencyID: record.agencyID, by: staff)
            try await changes.check(content, unitID: record.agencyID, on: connection)
            try await PolicyStore.saveDraft(record, content: content, by: editor.accountID, at: now, on: connection)
            return nil
        }
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> PolicyView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        return try await changes.change(id, action: "submitted", by: editor, acting: .policyEditor) { record, staff, connection in
            try PolicyWorkflow.checkSubmit(review: record.review, agencyID: record.agencyID, by: staff)
            try await PolicyStore.setReview(record.id, .reviewing, reason: nil, at: Date(), on: connection)
            return nil
        }
    }

    /// The unit's policies with content pending (`state`: editing, reviewing or returned).
    func drafts(_ request: Request, context: AppRequestContext) async throws -> Page<PolicyView> {
        let official = try context.requireOfficial(.policyEditor, .policyReviewer)
        guard let unitID = official.unitID else { throw APIError.forbidden }
        let paging = try Paging(request)
        let state = try request.uri.queryParameters.get("state").flatMap { text -> ReviewState? in
            guard let state = ReviewState(rawValue: text), state != .none else {
                throw APIError.invalid("state", "must be editing, reviewing or returned")
            }
            return state
        }
        return try await runtime.dependencies.pool.withConnection { connection in
            try await PolicyStore.drafts(unit: unitID, state: state, paging: paging, on: connection)
        }
    }
}
