import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// A reviewer of the issuing unit publishes or returns what its editors submitted (never their own
/// edits), and withdraws a published policy with a reason; each is evented.
struct PolicyReviewController {
    let runtime: PolicyRuntime
    var changes: PolicyChanges { PolicyChanges(runtime: runtime) }

    struct Reason: Decodable {
        var reason: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("policies/:id/publication", use: publish)
        router.post("policies/:id/return", use: giveBack)
        router.post("policies/:id/withdrawal", use: withdraw)
    }

    /// Publishes the submitted content: the first version (with its art. 5 timeliness) or a revision.
    func publish(_ request: Request, context: AppRequestContext) async throws -> PolicyView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let now = Date()
        return try await changes.change(id, action: "published", by: reviewer, acting: .policyReviewer) { record, staff, connection in
            try PolicyWorkflow.checkReview(review: record.review, agencyID: record.agencyID, editors: record.pendingEditors, by: staff)
            guard let content = record.pending else { throw APIError.conflict("there is nothing to publish") }
            try await changes.check(content, unitID: record.agencyID, on: connection)
            let first = record.status == .unpublished
            let timeliness = first ? PolicyWorkflow.timeliness(issuedAt: content.issuedAt, publishedAt: now) : nil
            try await PolicyStore.publish(
                record, content: content, version: record.version + 1, timeliness: timeliness, by: reviewer.accountID, at: now, on: connection)
            guard let after = try await PolicyStore.load(id, on: connection) else { throw APIError.notFound("policy") }
            let summary = after.summary(publishedAt: now)
            if let timeliness {
                try await runtime.dependencies.outbox.append(
                    PolicyPublished(policy: summary, publishedBy: reviewer.accountID, hoursToPublish: timeliness.hours, late: timeliness.late),
                    on: connection)
                if timeliness.late {
                    try await runtime.dependencies.outbox.append(
                        PolicyPublishedLate(
                            policyID: id, agencyID: after.agencyID, region: content.region, issuedAt: content.issuedAt, publishedAt: now,
                            hoursToPublish: timeliness.hours), on: connection)
                }
            } else {
                try await runtime.dependencies.outbox.append(PolicyRevised(policy: summary, revisedBy: reviewer.accountID), on: connection)
            }
            return nil
        }
    }

    func giveBack(_ request: Request, context: AppRequestContext) async throws -> PolicyView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let reason = try Validate.contentText(try await request.decodeBody(Reason.self, context: context).reason, "reason", max: 1000)
        return try await changes.change(id, action: "returned", by: reviewer, acting: .policyReviewer) { record, staff, connection in
            try PolicyWorkflow.checkReview(review: record.review, agencyID: record.agencyID, editors: record.pendingEditors, by: staff)
            try await PolicyStore.setReview(record.id, .returned, reason: reason, at: Date(), on: connection)
            return reason
        }
    }

    func withdraw(_ request: Request, context: AppRequestContext) async throws -> PolicyView {
        let reviewer = try context.requireOfficial(.policyReviewer)
        let id = try context.pathID()
        let reason = try Validate.contentText(try await request.decodeBody(Reason.self, context: context).reason, "reason", max: 1000)
        let now = Date()
        return try await changes.change(id, action: "withdrawn", by: reviewer, acting: .policyReviewer) { record, staff, connection in
            try PolicyWorkflow.checkWithdraw(status: record.status, agencyID: record.agencyID, by: staff)
            try await PolicyStore.withdraw(record.id, reason: reason, at: now, on: connection)
            try await runtime.dependencies.outbox.append(
                PolicyWithdrawn(
                    policyID: id, agencyID: record.agencyID, title: record.content.title, reason: reason, withdrawnBy: reviewer.accountID,
                    withdrawnAt: now), on: connection)
            return reason
        }
    }
}
