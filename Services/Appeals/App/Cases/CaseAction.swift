import Contracts
import Foundation

/// One transition of an item, with what its event carries beyond the item's facts.
enum CaseAction: Sendable {
    case submitted
    case resubmitted
    case reviewed(textCorrected: Bool)
    case dispatched(previousUnitID: UUID?, reason: String?)
    case signed
    case returned(to: String, reason: String)
    case coHandlerAdded(unitID: UUID, unitName: String)
    case progressReported(checkpoint: String?, content: String)
    case materialRequested(request: String)
    case materialSupplied
    case replied(handlerName: String, content: String)
    case rated(solved: Bool, satisfied: Bool)
    case reopened
    case closed(unrated: Bool)
    case withdrawn(reason: String?)
    case dueSoon
    case overdue
    case escalated(id: UUID, note: String)
    case closureRequested(unrated: Bool)
    case closureReturned(reason: String)
    case markedMajor(reason: String)
    case planFiled(version: Int, resolveBy: String, milestones: [PlanMilestone])

    /// The archive's name for the action.
    var name: String {
        switch self {
        case .submitted: "submitted"
        case .resubmitted: "resubmitted"
        case .reviewed: "reviewed"
        case .dispatched(let previous, _): previous == nil ? "dispatched" : "reassigned"
        case .signed: "signed"
        case .returned(let to, _): to == "dispatcher" ? "returnedToDispatcher" : "returnedToEnterprise"
        case .coHandlerAdded: "coHandlerAdded"
        case .progressReported: "progressReported"
        case .materialRequested: "materialRequested"
        case .materialSupplied: "materialSupplied"
        case .replied: "replied"
        case .rated: "rated"
        case .reopened: "reopened"
        case .closed(let unrated): unrated ? "closedUnrated" : "closed"
        case .withdrawn: "withdrawn"
        case .dueSoon: "dueSoon"
        case .overdue: "overdue"
        case .escalated: "escalated"
        case .closureRequested: "closureRequested"
        case .closureReturned: "closureReturned"
        case .markedMajor: "markedMajor"
        case .planFiled: "planFiled"
        }
    }
}
