import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Content channels (企业便利化, 营商资讯): anyone reads published items; a unit's editor drafts, a
/// reviewer of the same unit publishes or returns with a reason ("谁发布，谁审核", `ReviewedContentWorkflow`).
struct ChannelItemsController {
    let runtime: PolicyRuntime
    var workflow: ReviewedContentWorkflow<ChannelItemStore> { ReviewedContentWorkflow(dependencies: runtime.dependencies) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("channel-items", use: list)
        router.post("channel-items", use: draft)
        router.get("channel-items/:id", use: show)
        router.put("channel-items/:id", use: edit)
        router.post("channel-items/:id/publish", use: publish)
        router.post("channel-items/:id/return", use: sendBack)
    }

    /// Published items by channel, section, kind and title keyword, newest first; with `status`
    /// (reviewing, returned), a unit's editors and reviewers see their unit's drafts.
    func list(_ request: Request, context: AppRequestContext) async throws -> Page<ChannelItemView> {
        let paging = try Paging(request)
        let filter = ChannelItemStore.Filter(
            channel: try Validate.option(request, "channel", as: ChannelCatalogue.Channel.self),
            section: try Validate.option(request, "section", as: ChannelCatalogue.Section.self),
            kind: try Validate.option(request, "kind", as: ChannelCatalogue.Kind.self),
            scope: try ReviewedContentWorkflow<ChannelItemStore>.listScope(request, context: context))
        let page = try await runtime.dependencies.pool.withConnection { connection in
            try await ChannelItemStore.list(filter, paging: paging, on: connection)
        }
        let staff = filter.scope.status != .published
        return Page(items: page.items.map { view($0, staff: staff, withBody: false) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let shown = try await workflow.show(try context.pathID(), to: context.principal) { $0.status == .published }
        var result = view(shown.record, staff: shown.history != nil, withBody: true)
        result.history = shown.history
        return result
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ChannelItemView> {
        let (editor, unitID) = try ReviewRule.drafter(context)
        let draft = try await request.decodeBody(ChannelItemInput.self, context: context).validated()
        return EditedResponse(status: .created, response: view(try await workflow.draft(draft, by: editor, unitID: unitID), staff: true, withBody: true))
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let draft = try await request.decodeBody(ChannelItemInput.self, context: context).validated()
        return view(try await workflow.edit(id, with: draft, by: editor), staff: true, withBody: true)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let record = try await workflow.publish(try context.pathID(), by: reviewer) { record, now in
            ContentItemPublished(
                item: .init(
                    id: record.id, channel: record.channel.rawValue, section: record.section.rawValue, kind: record.kind.rawValue,
                    title: record.title, source: record.source, url: record.url, unitID: record.unitID),
                draftedBy: record.draftedBy, publishedBy: reviewer.accountID, publishedAt: now)
        }
        return view(record, staff: true, withBody: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        return view(try await workflow.sendBack(id, request, context: context, by: reviewer), staff: true, withBody: true)
    }

    private func view(_ record: ChannelItemStore.Record, staff: Bool, withBody: Bool) -> ChannelItemView {
        ChannelItemView(
            id: record.id, channel: record.channel.rawValue, section: record.section.rawValue, sectionName: record.section.name,
            kind: record.kind.rawValue, kindName: record.kind.name, title: record.title, body: withBody ? record.body : nil,
            source: record.source, url: record.url, unitID: record.unitID, status: record.status.rawValue,
            returnReason: staff ? record.returnReason : nil, draftedBy: staff ? record.draftedBy : nil,
            publishedAt: record.publishedAt, updatedAt: record.updatedAt, history: nil)
    }
}
