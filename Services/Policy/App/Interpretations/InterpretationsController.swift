import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 政策解读: anyone reads published interpretations of published policies; a unit's editor drafts one
/// for a published policy, a reviewer of the same unit who did not draft it publishes it or returns
/// it with a reason ("谁发布，谁审核", `ReviewRule`). Publishing sets the policy's 解读详情 flag and is
/// evented (`InterpretationPublished`), which the subscription matcher answers.
struct InterpretationsController {
    let runtime: PolicyRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    static let subjectKind = "interpretation"

    struct ReturnBody: Decodable { var reason: String? }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("interpretations", use: list)
        router.post("interpretations", use: draft)
        router.get("interpretations/:id", use: show)
        router.put("interpretations/:id", use: edit)
        router.post("interpretations/:id/publish", use: publish)
        router.post("interpretations/:id/return", use: sendBack)
    }

    /// Published interpretations by region, publication days, title keyword, policy and form; with
    /// `status` (reviewing, returned), a unit's editors and reviewers see their unit's drafts.
    func list(_ request: Request, context: AppRequestContext) async throws -> Page<InterpretationView> {
        let paging = try Paging(request)
        var filter = try InterpretationFilter(request)
        if let status = try Validate.option(request, "status", as: ReviewRule.Status.self), status != .published {
            let official = try context.requireOfficial(.policyEditor, .policyReviewer)
            guard let unitID = official.unitID else { throw APIError.forbidden }
            filter.status = status
            filter.unitID = unitID
        }
        let page = try await dependencies.pool.withConnection { connection in
            try await InterpretationStore.list(filter, paging: paging, on: connection)
        }
        let staff = filter.status != .published
        return Page(items: page.items.map { InterpretationView($0, staff: staff, withBody: false) }, page: page.page, size: page.size, total: page.total)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> InterpretationView {
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await InterpretationStore.find(id, on: connection) else { throw APIError.notFound("interpretation") }
            let staff = ReviewRule.seesDrafts(context.principal, of: record.unitID)
            guard staff || record.status == .published else { throw APIError.notFound("interpretation") }
            var shown = InterpretationView(record, staff: staff, withBody: true)
            if staff { shown.history = try await ReviewHistoryStore.entries(kind: Self.subjectKind, id: id, on: connection) }
            return shown
        }
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<InterpretationView> {
        let (editor, unitID) = try ReviewRule.drafter(context)
        let draft = try await request.decodeBody(InterpretationInput.self, context: context).validated()
        let id = UUID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            try await check(draft, unitID: unitID, on: connection)
            try await InterpretationStore.insert(draft, id: id, unitID: unitID, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(kind: Self.subjectKind, id: id, from: nil, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "interpretation.drafted", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor], detail: ["title": .string(draft.title), "form": .string(draft.form.rawValue),
                                                             "policyID": .string(draft.policyID.uuidString.lowercased())]), on: connection)
            return try await InterpretationStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("interpretation") }
        return EditedResponse(status: .created, response: InterpretationView(record, staff: true, withBody: true))
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> InterpretationView {
        let editor = try context.requireOfficial(.policyEditor)
        let id = try context.pathID()
        let draft = try await request.decodeBody(InterpretationInput.self, context: context).validated()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await InterpretationStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("interpretation") }
            try ReviewRule.checkEdit(by: editor, unitID: record.unitID, status: record.status)
            try await check(draft, unitID: record.unitID, on: connection)
            try await InterpretationStore.update(id, with: draft, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "interpretation.edited", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: editor,
                           acting: [.policyEditor], detail: ["title": .string(draft.title), "form": .string(draft.form.rawValue)]), on: connection)
            return try await InterpretationStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("interpretation") }
        return InterpretationView(record, staff: true, withBody: true)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> InterpretationView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await InterpretationStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("interpretation") }
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            guard let policy = try await PolicyStore.load(record.policyID, on: connection), policy.status == .published else {
                throw APIError.conflict("its policy is no longer published")
            }
            try await InterpretationStore.publish(record, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "published", by: reviewer.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "interpretation.published", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer]), on: connection)
            try await dependencies.outbox.append(
                InterpretationPublished(
                    interpretation: .init(id: id, form: record.form.rawValue, title: record.title, unitID: record.unitID),
                    policy: .init(
                        policyID: policy.id, title: policy.content.title, agencyID: policy.agencyID, region: policy.content.region,
                        policyType: policy.content.policyType, tags: policy.content.tags),
                    draftedBy: record.draftedBy, publishedBy: reviewer.accountID, publishedAt: now), on: connection)
            return try await InterpretationStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("interpretation") }
        return InterpretationView(record, staff: true, withBody: true)
    }

    func sendBack(_ request: Request, context: AppRequestContext) async throws -> InterpretationView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let reason = try Validate.contentText(try await request.decodeBody(ReturnBody.self, context: context).reason, "reason", max: 1000)
        let now = Date()
        let record = try await dependencies.pool.withTransaction { connection in
            guard let record = try await InterpretationStore.find(id, forUpdate: true, on: connection) else { throw APIError.notFound("interpretation") }
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await InterpretationStore.returnDraft(id, reason: reason, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Self.subjectKind, id: id, from: record.status.rawValue, to: "returned", by: reviewer.accountID, reason: reason, at: now,
                on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "interpretation.returned", subjectKind: Self.subjectKind, subjectID: id.uuidString.lowercased(), by: reviewer,
                           acting: [.policyReviewer], detail: ["reason": .string(reason)]), on: connection)
            return try await InterpretationStore.find(id, on: connection)
        }
        guard let record else { throw APIError.notFound("interpretation") }
        return InterpretationView(record, staff: true, withBody: true)
    }

    /// The policy must be published; an image must be a PNG or JPEG, a video file an MP4, that the
    /// unit's editors uploaded.
    private func check(_ draft: InterpretationInput.Draft, unitID: UUID, on connection: PostgresConnection) async throws {
        guard let policy = try await PolicyStore.load(draft.policyID, on: connection), policy.status == .published else {
            throw APIError.invalid("policyID", "must name a published policy")
        }
        if let imageID = draft.imageID, !(try await InterpretationStore.isFile(imageID, of: unitID, ofType: [.png, .jpeg], on: connection)) {
            throw APIError.invalid("imageID", "must name a PNG or JPEG file uploaded by your unit (POST /policy-attachments)")
        }
        if let videoID = draft.videoID, !(try await InterpretationStore.isFile(videoID, of: unitID, ofType: [.mp4], on: connection)) {
            throw APIError.invalid("videoID", "must name an MP4 file uploaded by your unit (POST /policy-attachments)")
        }
    }
}
