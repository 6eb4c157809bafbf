import Contracts
import Foundation
import Hummingbird
import Outbox
import Postgres
import ServiceKit

/// "谁发布，谁审核" for one kind of reviewed content: an editor of a unit drafts and edits, a reviewer
/// of the same unit who did not draft it publishes (with the kind's event) or returns it with a
/// reason. Each step is one transaction with its status history entry and its audit row.
struct ReviewedContentWorkflow<Content: ReviewedContent> {
    let dependencies: ServiceDependencies

    struct ReturnBody: Decodable { var reason: String? }

    /// The caller's draft for their unit (`ReviewRule.drafter`), waiting for review.
    func draft(_ draft: Content.Draft, by editor: AccessClaims, unitID: UUID) async throws -> Content.Record {
        let id = UUID()
        let now = Date()
        return try await change(id) { connection in
            try await Content.insert(draft, id: id, unitID: unitID, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(kind: Content.subjectKind, id: id, from: nil, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await audit("drafted", id, by: editor, acting: .policyEditor, detail: ["title": .string(Content.title(of: draft))], on: connection)
        }
    }

    /// An editor of its unit edits a draft that is not published; it waits for review again.
    func edit(_ id: UUID, with draft: Content.Draft, by editor: AccessClaims) async throws -> Content.Record {
        let now = Date()
        return try await change(id) { connection in
            let record = try await locked(id, on: connection)
            try ReviewRule.checkEdit(by: editor, unitID: record.unitID, status: record.status)
            try await Content.update(id, with: draft, by: editor.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Content.subjectKind, id: id, from: record.status.rawValue, to: "reviewing", by: editor.accountID, at: now, on: connection)
            try await audit("edited", id, by: editor, acting: .policyEditor, on: connection)
        }
    }

    /// A reviewer of its unit who did not draft it publishes it, with the event `published` makes of it.
    func publish<Event: DomainEvent>(
        _ id: UUID, by reviewer: AccessClaims, event published: @escaping @Sendable (Content.Record, Date) -> Event
    ) async throws -> Content.Record {
        let now = Date()
        return try await change(id) { connection in
            let record = try await locked(id, on: connection)
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await ReviewedContentStore.publish(id, in: Content.table, by: reviewer.accountID, at: now, on: connection)
            try await Content.published(record, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Content.subjectKind, id: id, from: record.status.rawValue, to: "published", by: reviewer.accountID, at: now, on: connection)
            try await audit("published", id, by: reviewer, acting: .policyReviewer, on: connection)
            try await dependencies.outbox.append(published(record, now), on: connection)
        }
    }

    /// A reviewer of its unit who did not draft it returns it to its editor with the request's reason.
    func sendBack(_ id: UUID, _ request: Request, context: AppRequestContext, by reviewer: AccessClaims) async throws -> Content.Record {
        let reason = try Validate.contentText(try await request.decodeBody(ReturnBody.self, context: context).reason, "reason", max: 1000)
        let now = Date()
        return try await change(id) { connection in
            let record = try await locked(id, on: connection)
            try ReviewRule.checkReview(by: reviewer, draftedBy: record.draftedBy, unitID: record.unitID, status: record.status)
            try await ReviewedContentStore.returnDraft(id, in: Content.table, reason: reason, by: reviewer.accountID, at: now, on: connection)
            try await ReviewHistoryStore.append(
                kind: Content.subjectKind, id: id, from: record.status.rawValue, to: "returned", by: reviewer.accountID, reason: reason, at: now,
                on: connection)
            try await audit("returned", id, by: reviewer, acting: .policyReviewer, detail: ["reason": .string(reason)], on: connection)
        }
    }

    /// The item as anyone may see it (`visible`: published and shown to the caller), or, to its unit's
    /// editors and reviewers, in any status with its status history; 404 otherwise.
    func show(
        _ id: UUID, to principal: AccessClaims?, visible: @Sendable (Content.Record) -> Bool
    ) async throws -> (record: Content.Record, history: [ReviewHistoryStore.Entry]?) {
        try await dependencies.pool.withConnection { connection in
            guard let record = try await Content.find(id, forUpdate: false, on: connection) else { throw APIError.notFound(Content.noun) }
            let staff = ReviewRule.seesDrafts(principal, of: record.unitID)
            guard staff || visible(record) else { throw APIError.notFound(Content.noun) }
            return (record, staff ? try await ReviewHistoryStore.entries(kind: Content.subjectKind, id: id, on: connection) : nil)
        }
    }

    /// A list's scope: the title keyword `q`, and with `status` (reviewing, returned) the caller's
    /// unit's drafts (its editors and reviewers only); the published ones otherwise.
    static func listScope(_ request: Request, context: AppRequestContext) throws -> ReviewedContentStore.Scope {
        var scope = ReviewedContentStore.Scope(keyword: try Validate.keyword(request))
        if let status = try Validate.option(request, "status", as: ReviewRule.Status.self), status != .published {
            let official = try context.requireOfficial(.policyEditor, .policyReviewer)
            guard let unitID = official.unitID else { throw APIError.forbidden }
            scope.status = status
            scope.unitID = unitID
        }
        return scope
    }

    /// One transaction: `steps`, then the item as it stands after them.
    private func change(_ id: UUID, _ steps: @escaping (PostgresConnection) async throws -> Void) async throws -> Content.Record {
        let record = try await dependencies.pool.withTransaction { connection in
            try await steps(connection)
            return try await Content.find(id, forUpdate: false, on: connection)
        }
        guard let record else { throw APIError.notFound(Content.noun) }
        return record
    }

    private func locked(_ id: UUID, on connection: PostgresConnection) async throws -> Content.Record {
        guard let record = try await Content.find(id, forUpdate: true, on: connection) else { throw APIError.notFound(Content.noun) }
        return record
    }

    private func audit(
        _ step: String, _ id: UUID, by actor: AccessClaims, acting role: OfficialRole, detail: [String: JSONValue] = [:], on connection: PostgresConnection
    ) async throws {
        try await AuditTrail.append(
            AuditEntry(action: "\(Content.subjectKind).\(step)", subjectKind: Content.subjectKind, subjectID: id.uuidString.lowercased(), by: actor,
                       acting: [role], detail: detail), on: connection)
    }
}
