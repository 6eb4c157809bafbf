import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 政策兑现 items (兑现事项 of a project): an implementing unit's policy editor drafts one for a
/// published policy; a reviewer of the same unit who did not draft it publishes it (evented
/// `RedemptionItemPublished`; its policy then shows 我要兑现, `hasRedemption`) or returns it with a
/// reason (`ReviewedContentWorkflow`, "谁发布，谁审核"). Anyone lists and reads the published ones.
struct RedemptionItemsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    var workflow: ReviewedContentWorkflow<RedemptionItemStore> { ReviewedContentWorkflow(dependencies: runtime.dependencies) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("redemption-items", use: list)
        router.post("redemption-items", use: draft)
        router.get("redemption-items/:id", use: show)
        router.put("redemption-items/:id", use: edit)
        router.post("redemption-items/:id/publish", use: publish)
        router.post("redemption-items/:id/return", use: sendBack)
    }

    /// Published items by applicant kind, region, unit, policy, policy type, keyword and open window
    /// (alike for every caller, so answered from `redemptionItemList` for a few seconds); with
    /// `status` (reviewing, returned), a unit's editors and reviewers see their unit's drafts.
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let paging = try Paging(request)
        var filter = try RedemptionItemFilter(request)
        if let status = try Validate.option(request, "status", as: ReviewRule.Status.self), status != .published {
            let official = try context.requireOfficial(.policyEditor, .policyReviewer)
            guard let unitID = official.unitID else { throw APIError.forbidden }
            filter.status = status
            filter.staffUnitID = unitID
            return try await page(filter, paging: paging, staff: true).response(from: request, context: context)
        }
        let published = filter
        return try await runtime.redemptionItemList.response(for: request) { try await page(published, paging: paging, staff: false) }
    }

    private func page(_ filter: RedemptionItemFilter, paging: Paging, staff: Bool) async throws -> Page<RedemptionItemView> {
        let page = try await dependencies.pool.withConnection { connection in
            try await RedemptionItemStore.list(filter, paging: paging, on: connection)
        }
        return Page(
            items: page.items.map { RedemptionItemView($0, staff: staff, detail: false, today: filter.today) }, page: page.page, size: page.size,
            total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> RedemptionItemView {
        let shown = try await workflow.show(try context.pathID(), to: context.principal) { $0.status == .published }
        var view = RedemptionItemView(shown.record, staff: shown.history != nil, detail: true)
        view.history = shown.history
        return view
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RedemptionItemView> {
        let (editor, unitID) = try ReviewRule.drafter(context)
        let draft = try await request.decodeBody(RedemptionItemInput.self, context: context).validated()
        try await check(draft)
        let record = try await workflow.draft(draft, by: editor, unitID: unitID)
        return EditedResponse(status: .created, response: RedemptionItemView(record, staff: true, detail: true))
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> RedemptionItemView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let draft = try await request.decodeBody(RedemptionItemInput.self, context: context).validated()
        // Another unit's editor is refused before the draft's policy is looked at (the workflow checks again under lock).
        let current = try await dependencies.pool.withConnection { try await RedemptionItemStore.find(id, on: $0) }
        guard let current else { throw APIError.notFound(RedemptionItemStore.noun) }
        try ReviewRule.checkEdit(by: editor, unitID: current.unitID, status: current.status)
        try await check(draft)
        return RedemptionItemView(try await workflow.edit(id, with: draft, by: editor), staff: true, detail: true)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> RedemptionItemView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let record = try await workflow.publish(try context.pathID(), by: reviewer) { record, now in
            RedemptionItemPublished(
                item: .init(
                    id: record.id, project: record.project, title: record.title, region: record.region, policyTypes: record.policyTypes,
                    supportKind: record.supportKind, amount: record.amount, amountFigure: record.amountFigure,
                    applicantKind: record.applicantKind.rawValue, processingDays: record.processingDays, windowFrom: record.windowFrom,
                    windowTo: record.windowTo, unitID: record.unitID),
                policyID: record.policyID, policyTitle: record.policyTitle, draftedBy: record.draftedBy, publishedBy: reviewer.accountID,
                publishedAt: now)
        }
        return RedemptionItemView(record, staff: true, detail: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> RedemptionItemView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        return RedemptionItemView(try await workflow.sendBack(id, request, context: context, by: reviewer), staff: true, detail: true)
    }

    /// The policy must be published (a 400 naming `policyID`, as for interpretations) and the policy
    /// types active reference terms (a 404 naming `policyTypes`, as for policies).
    private func check(_ draft: RedemptionItemInput.Draft) async throws {
        try await dependencies.pool.withConnection { connection in
            guard try await PolicyStore.load(draft.policyID, on: connection)?.status == .published else {
                throw APIError.invalid("policyID", "must name a published policy")
            }
            if let unknown = try await ReferenceStore.unknown(draft.policyTypes, kind: .policyType, on: connection).first {
                throw APIError.unknown("policyTypes", "\(unknown) is not an active policy type")
            }
        }
    }
}
