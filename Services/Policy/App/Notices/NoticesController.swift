import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 信息公示: the implementing unit publishes an item's approved applications as a notice; anyone
/// lists and reads notices and looks a project up by name with its items' stages and results.
struct NoticesController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }

    enum Sort: String { case publishedDesc = "publishedAt.desc", publishedAsc = "publishedAt.asc" }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("redemption-items/:id/notices", use: publish)
        router.get("redemption-notices", use: list)
        router.get("redemption-notices/:id", use: show)
        router.get("redemption-projects", use: lookUp)
    }

    /// A policy editor or reviewer of the item's unit publishes the approved applications no earlier notice listed.
    func publish(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<NoticeStore.Record> {
        let official = try context.requireOfficial(.policyEditor, .policyReviewer)
        let itemID = try context.pathID()
        let now = Date()
        let today = BeijingDate.text(now)
        let input = try await request.decodeBody(NoticeInput.self, context: context).validated(today: today)
        let id = UUID()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let item = try await RedemptionItemStore.find(itemID, forUpdate: true, on: connection), item.status == .published,
                PolicyStaff(official).belongs(to: item.unitID)
            else { throw APIError.notFound(RedemptionItemStore.noun) }
            guard try await NoticeStore.insert(
                id: id, itemID: itemID, unitID: item.unitID, title: input.title, body: input.body, deadline: input.deadline, by: official.accountID,
                at: now, on: connection)
            else { throw APIError.conflict("the item has no approved application that a notice has not listed yet") }
            guard let record = try await NoticeStore.find(id, on: connection) else { throw APIError.notFound(NoticeStore.noun) }
            try await AuditTrail.append(
                AuditEntry(
                    action: "redemptionNotice.published", subjectKind: "redemptionNotice", subjectID: id.uuidString.lowercased(), by: official,
                    acting: [.policyReviewer, .policyEditor], detail: ["title": .string(input.title), "approved": .int(record.approvedCount)]),
                on: connection)
            try await dependencies.outbox.append(
                RedemptionNoticePublished(
                    notice: .init(
                        id: id, title: record.title, itemID: itemID, itemTitle: record.itemTitle, project: record.project, unitID: record.unitID,
                        deadline: record.deadline, approvedCount: record.approvedCount, totalAmount: record.totalAmount),
                    publishedBy: official.accountID, publishedAt: now),
                on: connection)
            return record
        }
        var published = record
        published.entries = try await dependencies.pool.withConnection { try await NoticeStore.entries(of: id, on: $0) }
        return EditedResponse(status: .created, response: published)
    }

    /// Notices by state (`open`: still within their deadline, or ended), title keyword `q`, newest first or `sort=publishedAt.asc`.
    func list(_ request: Request, context: AppRequestContext) async throws -> Page<NoticeStore.Record> {
        let paging = try Paging(request)
        var filter = NoticeStore.Filter(open: try Validate.flag(request, "open"), today: BeijingDate.text(Date()))
        filter.terms = (try Validate.keyword(request))?.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        filter.ascending = try Validate.option(request, "sort", as: Sort.self) == .publishedAsc
        return try await dependencies.pool.withConnection { try await NoticeStore.list(filter, paging: paging, on: $0) }
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> NoticeStore.Record {
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard var record = try await NoticeStore.find(id, on: connection) else { throw APIError.notFound(NoticeStore.noun) }
            record.entries = try await NoticeStore.entries(of: id, on: connection)
            return record
        }
    }

    /// The published items of the projects whose names hold every term of `name`.
    func lookUp(_ request: Request, context: AppRequestContext) async throws -> Page<NoticeStore.ProjectItem> {
        let paging = try Paging(request)
        let name = try Validate.contentText(request.uri.queryParameters.get("name"), "name", max: 100)
        let terms = name.split(whereSeparator: \.isWhitespace).map(String.init)
        return try await dependencies.pool.withConnection { try await NoticeStore.projectItems(named: terms, paging: paging, on: $0) }
    }
}
