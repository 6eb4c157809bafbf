import Contracts
import Foundation
import ServiceKit

/// "谁发布，谁审核" (operating rules art. 4, 8): an editor of a unit drafts; a reviewer of the same unit
/// publishes or returns the draft with a reason; nobody approves their own draft, and another unit
/// cannot. Plain Swift: every reviewed kind of content (channel items, announcements) asks it.
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
        guard reviewer.isOfficial(.policyReviewer), reviewer.unitID == unitID else {
            throw APIError(.forbidden, code: "forbidden", message: "only a reviewer of the drafting unit may review it")
        }
        guard reviewer.accountID != draftedBy else {
            throw APIError(.forbidden, code: "forbidden", message: "nobody approves their own draft")
        }
        guard status == .reviewing else {
            throw APIError.conflict("cannot review: it is \(status.rawValue), not waiting for review")
        }
    }

    /// Whether `claims` may see a draft of `unitID` that is not published (its unit's editors and reviewers).
    static func seesDrafts(_ claims: AccessClaims?, of unitID: UUID) -> Bool {
        guard let claims, claims.isOfficial(.policyEditor, .policyReviewer) else { return false }
        return claims.unitID == unitID
    }
}
