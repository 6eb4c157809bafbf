import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Content channels (企业便利化, 营商资讯): anyone reads published items; a unit's editor drafts, a
/// reviewer of the same unit publishes or returns with a reason ("谁发布，谁审核").
struct ChannelItemsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    static let subjectKind = "channelItem"

    struct ReturnBody: Decodable { var reason: String? }

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
        var filter = ChannelItemStore.Filter(
            channel: try Validate.option(request, "channel", as: ChannelCatalogue.Channel.self),
            section: try Validate.option(request, "section", as: ChannelCatalogue.Section.self),
            kind: try Validate.option(request, "kind", as: ChannelCatalogue.Kind.self),
            keyword: try Validate.keyword(request))
        if let status = try Validate.option(request, "status", as: ReviewRule.Status.self), status != .published {
            let official = try context.requireOfficial(.policyEditor, .policyReviewer)
            guard let unitID = official.unitID else { throw APIError.forbidden }
            filter.status = status
            filter.unitID = unitID
        }
        let page = try await dependencies.pool.withConnection { connection in
            try await ChannelItemStore.list(filter, paging: paging, on: connection)
        }
        let staff = filter.status != .published
        return Page(items: page.items.map { view($0, staff: staff, withBody: false) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await ChannelItemStore.find(id, on: connection) else { throw APIError.notFound("channel item") }
            let staff = ReviewRule.seesDrafts(context.principal, of: record.unitID)
            guard staff || record.status == .published else { throw APIError.notFound("channel item") }
            var shown = view(record, staff: staff, withBody: true)
            if staff { shown.history = try await ReviewHistoryStore.entries(kind: Self.subjectKind, id: id, on: connection) }
            return shown
        }
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ChannelItemView> {
        let (editor, unitID) = try ReviewRule.drafter(context)
        let draft = try await request.decodeBody(ChannelItemInput.self, context: context).validated()
        let id = UUID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            try await ChannelItemStore.insert(draft, id: id, unitID: unitID, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(kind: Self.subjectKind, id: id, from: nil, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "channelItem.drafted", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor], detail: ["title": .string(draft.title)]), on: connection)
            return try await ChannelItemStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("channel item") }
        return EditedResponse(status: .created, response: view(record, staff: true, withBody: true))
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let draft = try await request.decodeBody(ChannelItemInput.self, context: context).validated()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await ChannelItemStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("channel item") }
            try ReviewRule.checkEdit(by: editor, unitID: record.unitID, status: record.status)
            try await ChannelItemStore.update(id, with: draft, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "channelItem.edited", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor]), on: connection)
            return try await ChannelItemStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("channel item") }
        return view(record, staff: true, withBody: true)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await ChannelItemStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("channel item") }
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await ChannelItemStore.publish(id, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "published", by: reviewer.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "channelItem.published", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer]), on: connection)
            try await dependencies.outbox.append(
                ContentItemPublished(
                    item: .init(
                        id: id, channel: record.channel.rawValue, section: record.section.rawValue, kind: record.kind.rawValue,
                        title: record.title, source: record.source, url: record.url, unitID: record.unitID),
                    draftedBy: record.draftedBy, publishedBy: reviewer.accountID, publishedAt: now), on: connection)
            return try await ChannelItemStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("channel item") }
        return view(record, staff: true, withBody: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> ChannelItemView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let reason = try Validate.contentText(try await request.decodeBody(ReturnBody.self, context: context).reason, "reason", max: 1000)
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await ChannelItemStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("channel item") }
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await ChannelItemStore.returnDraft(id, reason: reason, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "returned", by: reviewer.accountID, reason: reason, at: now,
                on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "channelItem.returned", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer], detail: ["reason": .string(reason)]), on: connection)
            return try await ChannelItemStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("channel item") }
        return view(record, staff: true, withBody: true)
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
