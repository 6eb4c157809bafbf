import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 简报投稿 (Shiyan account guide item 17): liaison officials and enterprises submit news items; an
/// editor publishes them or returns them with a reason. Submissions and publications are evented with
/// the submitting official and unit (or enterprise), for the units' assessment in the statistics.
struct BriefingsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    static let subjectKind = "briefing"

    struct SubmitBody: Decodable {
        var title: String?
        var body: String?
    }

    struct ReturnBody: Decodable { var reason: String? }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("briefings", use: list)
        router.post("briefings", use: submit)
        router.get("briefings/:id", use: show)
        router.post("briefings/:id/publish", use: publish)
        router.post("briefings/:id/return", use: sendBack)
    }

    /// Published briefings for everyone; `mine=true` a submitter's own in every status; `status`
    /// (submitted, returned) the editors' queue.
    func list(_ request: Request, context: AppRequestContext) async throws -> Page<BriefingView> {
        let paging = try Paging(request)
        var filter = BriefingStore.Filter(keyword: try Validate.keyword(request), status: .published)
        var staff = false
        let mine = request.uri.queryParameters.get("mine")
        guard mine == nil || mine == "true" || mine == "false" else { throw APIError.invalid("mine", "must be true or false") }
        let status = try Validate.option(request, "status", as: BriefingStore.Status.self)
        if mine == "true" {
            filter.submittedBy = try context.requirePrincipal().accountID
            filter.status = status
            staff = true
        } else if let status, status != .published {
            _ = try context.requireOfficial(.policyEditor)
            filter.status = status
            staff = true
        }
        let page = try await dependencies.pool.withConnection { connection in
            try await BriefingStore.list(filter, paging: paging, on: connection)
        }
        return Page(items: page.items.map { view($0, staff: staff, withBody: false) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> BriefingView {
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await BriefingStore.find(id, on: connection) else { throw APIError.notFound("briefing") }
            let staff = context.principal.map { $0.isOfficial(.policyEditor) || $0.accountID == record.facts.submittedBy } ?? false
            guard staff || record.status == .published else { throw APIError.notFound("briefing") }
            var shown = view(record, staff: staff, withBody: true)
            if staff { shown.history = try await ReviewHistoryStore.entries(kind: Self.subjectKind, id: id, on: connection) }
            return shown
        }
    }

    /// A liaison official (for their unit) or an enterprise's member submits a news item.
    func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<BriefingView> {
        let principal = try context.requirePrincipal()
        let id = UUID()
        let facts: BriefingFacts
        switch principal.accountKind {
        case .official:
            let official = try context.requireOfficial(.liaison)
            guard let unitID = official.unitID else { throw APIError.forbidden }
            facts = BriefingFacts(id: id, title: "", submitterKind: .official, submittedBy: official.accountID, unitID: unitID, enterpriseID: nil)
        case .person:
            let (member, membership) = try context.requireMember()
            facts = BriefingFacts(
                id: id, title: "", submitterKind: .enterprise, submittedBy: member.accountID, unitID: nil, enterpriseID: membership.enterpriseID)
        }
        let input = try await request.decodeBody(SubmitBody.self, context: context)
        var submitted = facts
        submitted.title = try Validate.contentText(input.title, "title", max: 200)
        let body = HTMLSanitizer.sanitize(try Validate.contentText(input.body, "body", max: 50_000))
        let now = Date()
        let record = try await dependencies.pool.withTransaction { [submitted] connection in
            try await BriefingStore.insert(submitted, body: body, at: now, on: connection)
            try await ReviewHistoryStore.append(kind: Self.subjectKind, id: id, from: nil, to: "submitted", by: principal.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "briefing.submitted", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: principal,
                           acting: [.liaison], detail: ["title": .string(submitted.title)]), on: connection)
            try await dependencies.outbox.append(BriefingSubmitted(briefing: submitted, submittedAt: now), on: connection)
            return try await BriefingStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("briefing") }
        return EditedResponse(status: .created, response: view(record, staff: true, withBody: true))
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> BriefingView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            let record = try await waiting(id, on: connection)
            try await BriefingStore.publish(id, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(kind: Self.subjectKind, id: id, from: "submitted", to: "published", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "briefing.published", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor]), on: connection)
            try await dependencies.outbox.append(
                BriefingPublished(briefing: record.facts, publishedBy: editor.accountID, publishedAt: now), on: connection)
            return try await BriefingStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("briefing") }
        return view(record, staff: true, withBody: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> BriefingView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let reason = try Validate.contentText(try await request.decodeBody(ReturnBody.self, context: context).reason, "reason", max: 1000)
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            let record = try await waiting(id, on: connection)
            try await BriefingStore.returnBriefing(id, reason: reason, by: editor.accountID, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: "submitted", to: "returned", by: editor.accountID, reason: reason, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "briefing.returned", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor], detail: ["reason": .string(reason)]), on: connection)
            try await dependencies.outbox.append(
                BriefingReturned(briefing: record.facts, reason: reason, returnedBy: editor.accountID, returnedAt: now), on: connection)
            return try await BriefingStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("briefing") }
        return view(record, staff: true, withBody: true)
    }

    /// The briefing, locked, if it waits for an editor (404 if missing, 409 if already decided).
    private func waiting(_ id: UUID, on connection: PostgresConnection) async throws -> BriefingStore.Record {
        guard let record = try await BriefingStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("briefing") }
        guard record.status == .submitted else {
            throw APIError.conflict("cannot decide: the briefing is \(record.status.rawValue), not waiting for an editor")
        }
        return record
    }

    private func view(_ record: BriefingStore.Record, staff: Bool, withBody: Bool) -> BriefingView {
        BriefingView(
            id: record.facts.id, title: record.facts.title, body: withBody ? record.body : nil, submitterKind: record.facts.submitterKind.rawValue,
            submittedBy: staff ? record.facts.submittedBy : nil, unitID: record.facts.unitID,
            enterpriseID: staff ? record.facts.enterpriseID : nil, status: record.status.rawValue,
            returnReason: staff ? record.returnReason : nil, submittedAt: staff ? record.submittedAt : nil,
            publishedAt: record.publishedAt, history: nil)
    }
}
