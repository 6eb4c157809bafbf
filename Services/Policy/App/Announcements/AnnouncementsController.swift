import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 公告栏: a unit's editor drafts an announcement for an audience (all, enterprises, officials, one
/// region or one unit); a reviewer of the same unit publishes it (evented, so notifications sends it by
/// SMS and in-site message to that audience) or returns it with a reason.
struct AnnouncementsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    static let subjectKind = "announcement"
    /// What guests and enterprise users see; officials see every published announcement.
    static let publicAudiences = ["all", "enterprises", "region"]

    struct ReturnBody: Decodable { var reason: String? }

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
        var filter = AnnouncementStore.Filter(keyword: try Validate.keyword(request))
        if let status = try Validate.option(request, "status", as: ReviewRule.Status.self), status != .published {
            let official = try context.requireOfficial(.policyEditor, .policyReviewer)
            guard let unitID = official.unitID else { throw APIError.forbidden }
            filter.status = status
            filter.unitID = unitID
        } else if context.principal?.accountKind != .official {
            filter.audiences = Self.publicAudiences
        }
        let page = try await dependencies.pool.withConnection { connection in
            try await AnnouncementStore.list(filter, paging: paging, on: connection)
        }
        let staff = filter.status != .published
        return Page(items: page.items.map { view($0, staff: staff, withBody: false) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await AnnouncementStore.find(id, on: connection) else { throw APIError.notFound("announcement") }
            let staff = ReviewRule.seesDrafts(context.principal, of: record.unitID)
            let visible = record.status == .published
                && (context.principal?.accountKind == .official || Self.publicAudiences.contains(record.audience.kind.rawValue))
            guard staff || visible else { throw APIError.notFound("announcement") }
            var shown = view(record, staff: staff, withBody: true)
            if staff { shown.history = try await ReviewHistoryStore.entries(kind: Self.subjectKind, id: id, on: connection) }
            return shown
        }
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AnnouncementView> {
        let (editor, unitID) = try ReviewRule.drafter(context)
        let draft = try await request.decodeBody(AnnouncementInput.self, context: context).validated()
        let id = UUID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            try await AnnouncementStore.insert(draft, id: id, unitID: unitID, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(kind: Self.subjectKind, id: id, from: nil, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "announcement.drafted", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor], detail: ["title": .string(draft.title)]), on: connection)
            return try await AnnouncementStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("announcement") }
        return EditedResponse(status: .created, response: view(record, staff: true, withBody: true))
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let draft = try await request.decodeBody(AnnouncementInput.self, context: context).validated()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await AnnouncementStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("announcement") }
            try ReviewRule.checkEdit(by: editor, unitID: record.unitID, status: record.status)
            try await AnnouncementStore.update(id, with: draft, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "announcement.edited", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor]), on: connection)
            return try await AnnouncementStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("announcement") }
        return view(record, staff: true, withBody: true)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await AnnouncementStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("announcement") }
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await AnnouncementStore.publish(id, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "published", by: reviewer.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "announcement.published", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer]), on: connection)
            try await dependencies.outbox.append(
                AnnouncementPublished(
                    announcement: .init(id: id, title: record.title, audience: record.audience, unitID: record.unitID),
                    publishedBy: reviewer.accountID, publishedAt: now), on: connection)
            return try await AnnouncementStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("announcement") }
        return view(record, staff: true, withBody: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> AnnouncementView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let reason = try Validate.contentText(try await request.decodeBody(ReturnBody.self, context: context).reason, "reason", max: 1000)
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await AnnouncementStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("announcement") }
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await AnnouncementStore.returnDraft(id, reason: reason, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "returned", by: reviewer.accountID, reason: reason, at: now,
                on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "announcement.returned", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer], detail: ["reason": .string(reason)]), on: connection)
            return try await AnnouncementStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("announcement") }
        return view(record, staff: true, withBody: true)
    }

    private func view(_ record: AnnouncementStore.Record, staff: Bool, withBody: Bool) -> AnnouncementView {
        AnnouncementView(
            id: record.id, title: record.title, body: withBody ? record.body : nil, audience: record.audience, unitID: record.unitID,
            status: record.status.rawValue, returnReason: staff ? record.returnReason : nil, draftedBy: staff ? record.draftedBy : nil,
            publishedAt: record.publishedAt, updatedAt: record.updatedAt, history: nil)
    }
}
