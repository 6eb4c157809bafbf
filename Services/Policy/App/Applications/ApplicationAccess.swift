import Contracts
import Foundation
import ServiceKit

/// Who sees and who handles an application: the applicant and the members of its enterprise see
/// it; the implementing unit's policy editors and reviewers see and handle it; inspectors see all.
/// To anyone else it does not exist (404).
enum ApplicationAccess {
    static func sees(_ principal: AccessClaims, _ record: ApplicationRecord) -> Bool {
        principal.accountID == record.applicantID
            || (record.enterpriseID != nil && principal.membership?.enterpriseID == record.enterpriseID)
            || handles(principal, record)
            || principal.isOfficial(.inspector)
    }

    static func handles(_ principal: AccessClaims, _ record: ApplicationRecord) -> Bool {
        PolicyStaff(principal).belongs(to: record.unitID)
    }

    /// The applicant resubmits (a member of its enterprise may, for an enterprise's application).
    static func applies(_ principal: AccessClaims, _ record: ApplicationRecord) -> Bool {
        principal.accountKind == .person
            && (principal.accountID == record.applicantID
                || (record.enterpriseID != nil && principal.membership?.enterpriseID == record.enterpriseID))
    }
}
