import Contracts
import Foundation
import ServiceKit

/// "谁发布，谁审核" (operating rules art. 4, 8) for channel items and announcements: an editor of a unit
/// drafts; a reviewer of the same unit publishes or returns the draft with a reason; nobody approves
/// their own draft, and another unit cannot. The review itself is the policy library's rule
/// (`PolicyWorkflow.checkReview`); this maps the simpler content states onto it.
enum ReviewRule {
    /// Where a reviewed draft stands.
    enum Status: String, Codable, Sendable, CaseIterable {
        /// Drafted (or edited after a return) and waiting for a reviewer.
        case reviewing
        /// A reviewer sent it back with a reason; its editor may edit it, which submits it again.
        case returned
        case published
    }

    /// The official drafting for their unit: an editor with a unit.
    static func drafter(_ context: AppRequestContext) throws -> (claims: AccessClaims, unitID: UUID) {
        let claims = try context.requireOfficial(.policyEditor)
        guard let unitID = claims.unitID else { throw APIError.forbidden }
        return (claims, unitID)
    }

    /// An editor of the draft's unit may edit it while it is not published.
    static func checkEdit(by editor: AccessClaims, unitID: UUID, status: Status) throws {
        guard editor.unitID == unitID else { throw APIError.forbidden }
        guard status != .published else { throw APIError.conflict("cannot edit: it is already published") }
    }

    /// A reviewer of the draft's unit, who did not draft it, may publish or return it while it waits.
    static func checkReview(by reviewer: AccessClaims, draftedBy: UUID, unitID: UUID, status: Status) throws {
        let review: ReviewState = switch status {
        case .reviewing: .reviewing
        case .returned: .returned
        case .published: .none
        }
        try PolicyWorkflow.checkReview(review: review, agencyID: unitID, editors: [draftedBy], by: PolicyStaff(reviewer))
    }

    /// Whether `claims` may see a draft of `unitID` that is not published (its unit's editors and reviewers).
    static func seesDrafts(_ claims: AccessClaims?, of unitID: UUID) -> Bool {
        guard let claims else { return false }
        return PolicyStaff(claims).belongs(to: unitID)
    }
}
