import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 公告栏: a unit's editor drafts an announcement for an audience (all, enterprises, officials, one
/// region or one unit); a reviewer of the same unit publishes it (evented, so notifications sends it by
/// SMS and in-site message to that audience) or returns it with a reason (`ReviewedContentWorkflow`).
struct AnnouncementsController {
    let runtime: PolicyRuntime
    var workflow: ReviewedContentWorkflow<AnnouncementStore> { ReviewedContentWorkflow(dependencies: runtime.dependencies) }
    /// What guests and enterprise users see; officials see every published announcement.
    static let publicAudiences = ["all", "enterprises", "region"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("announcements", use: list)
        router.post("announcements", use: draft)
        router.get("announcements/:id", use: show)
        router.put("announcements/:id", use: edit)
        router.post("announcements/:id/publish", use: publish)
        router.post("announcements/:id/return", use: sendBack)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<AnnouncementView> {
        let paging = try Paging(request)
        var filter = AnnouncementStore.Filter(scope: try ReviewedContentWorkflow<AnnouncementStore>.listScope(request, context: context))
        if filter.scope.status == .published, context.principal?.accountKind != .official {
            filter.audiences = Self.publicAudiences
        }
        let page = try await runtime.dependencies.pool.withConnection { connection in
            try await AnnouncementStore.list(filter, paging: paging, on: connection)
        }
        let staff = filter.scope.status != .published
        return Page(items: page.items.map { view($0, staff: staff, withBody: false) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let official = context.principal?.accountKind == .official
        let shown = try await workflow.show(try context.pathID(), to: context.principal) { record in
            record.status == .published && (official || Self.publicAudiences.contains(record.audience.kind.rawValue))
        }
        var result = view(shown.record, staff: shown.history != nil, withBody: true)
        result.history = shown.history
        return result
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AnnouncementView> {
        let (editor, unitID) = try ReviewRule.drafter(context)
        let draft = try await request.decodeBody(AnnouncementInput.self, context: context).validated()
        return EditedResponse(status: .created, response: view(try await workflow.draft(draft, by: editor, unitID: unitID), staff: true, withBody: true))
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let draft = try await request.decodeBody(AnnouncementInput.self, context: context).validated()
        return view(try await workflow.edit(id, with: draft, by: editor), staff: true, withBody: true)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let record = try await workflow.publish(try context.pathID(), by: reviewer) { record, now in
            AnnouncementPublished(
                announcement: .init(id: record.id, title: record.title, audience: record.audience, unitID: record.unitID),
                publishedBy: reviewer.accountID, publishedAt: now)
        }
        return view(record, staff: true, withBody: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        return view(try await workflow.sendBack(id, request, context: context, by: reviewer), staff: true, withBody: true)
    }

    private func view(_ record: AnnouncementStore.Record, staff: Bool, withBody: Bool) -> AnnouncementView {
        AnnouncementView(
            id: record.id, title: record.title, body: withBody ? record.body : nil, audience: record.audience, unitID: record.unitID,
            status: record.status.rawValue, returnReason: staff ? record.returnReason : nil, draftedBy: staff ? record.draftedBy : nil,
            publishedAt: record.publishedAt, updatedAt: record.updatedAt, history: nil)
    }
}
