import Contracts
import Foundation
import ServiceKit

/// The public state of a policy.
enum PolicyStatus: String, Codable, Sendable {
    case unpublished, published, withdrawn
}

/// Where the content under edit stands: nothing pending, being edited, waiting for a reviewer, or
/// returned to the editors with a reason.
enum ReviewState: String, Codable, Sendable {
    case none, editing, reviewing, returned
}

/// An official as the policy rules see them: their unit and whether they edit or review its policies.
struct PolicyStaff: Sendable {
    var accountID: UUID
    var unitID: UUID?
    var isEditor: Bool
    var isReviewer: Bool

    init(_ claims: AccessClaims) {
        accountID = claims.accountID
        unitID = claims.accountKind == .official ? claims.unitID : nil
        isEditor = claims.isOfficial(.policyEditor)
        isReviewer = claims.isOfficial(.policyReviewer)
    }

    func belongs(to unit: UUID) -> Bool { unitID == unit && (isEditor || isReviewer) }
}

/// "谁发布，谁审核" (art. 5): an editor of the issuing unit drafts and submits; a reviewer of the same
/// unit who did not edit the content publishes or returns it; counties publish their own regions'
/// policies (art. 4(3)). Plain rules, no database.
enum PolicyWorkflow {
    /// Policies of `unitRegion`'s scope: its own region, and for a city (`xxxx00`) or province
    /// (`xx0000`) unit every region under it.
    static func covers(unitRegion: String, region: String) -> Bool {
        if unitRegion == region { return true }
        if unitRegion.hasSuffix("0000") { return region.hasPrefix(unitRegion.prefix(2)) }
        if unitRegion.hasSuffix("00") { return region.hasPrefix(unitRegion.prefix(4)) }
        return false
    }

    static func checkScope(unitRegion: String, region: String) throws {
        guard covers(unitRegion: unitRegion, region: region) else {
            throw APIError.invalid("region", "is outside your unit's region \(unitRegion): units publish their own region's policies")
        }
    }

    static func checkEdit(status: PolicyStatus, review: ReviewState, agencyID: UUID, by staff: PolicyStaff) throws {
        guard staff.isEditor, staff.unitID == agencyID else { throw APIError.forbidden }
        guard status != .withdrawn else { throw APIError.conflict("a withdrawn policy cannot be edited") }
        guard review != .reviewing else { throw APIError.conflict("the policy is waiting for review") }
    }

    static func checkSubmit(review: ReviewState, agencyID: UUID, by staff: PolicyStaff) throws {
        guard staff.isEditor, staff.unitID == agencyID else { throw APIError.forbidden }
        guard review == .editing || review == .returned else { throw APIError.conflict("there is no draft to submit (\(review.rawValue))") }
    }

    /// Publishing or returning: a reviewer of the issuing unit, of content they did not edit.
    static func checkReview(review: ReviewState, agencyID: UUID, editors: [UUID], by staff: PolicyStaff) throws {
        guard staff.isReviewer, staff.unitID == agencyID else { throw APIError.forbidden }
        guard review == .reviewing else { throw APIError.conflict("the policy is not waiting for review (\(review.rawValue))") }
        guard !editors.contains(staff.accountID) else {
            throw APIError(.forbidden, code: "own_draft", message: "nobody reviews a draft they edited")
        }
    }

    static func checkWithdraw(status: PolicyStatus, agencyID: UUID, by staff: PolicyStaff) throws {
        guard staff.isReviewer, staff.unitID == agencyID else { throw APIError.forbidden }
        guard status == .published else { throw APIError.conflict("only a published policy can be withdrawn (\(status.rawValue))") }
    }

    /// Art. 5: hours from the document's issue to its first publication (two decimals), late after 24.
    static func timeliness(issuedAt: Date, publishedAt: Date) -> (hours: String, late: Bool) {
        let seconds = max(0, Int(publishedAt.timeIntervalSince(issuedAt).rounded()))
        let hundredths = (seconds * 100 + 1800) / 3600
        let fraction = hundredths % 100
        return ("\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)", seconds > 24 * 3600)
    }
}
