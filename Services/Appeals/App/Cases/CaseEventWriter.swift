import Contracts
import Foundation
import Outbox
import Postgres

/// Writes the event of one transition into the outbox (inside the transition's transaction).
enum CaseEventWriter {
    static func append(
        _ action: CaseAction, kind: CaseKind, item: CaseFacts, transition: TransitionFacts, outbox: OutboxWriter,
        on connection: PostgresConnection
    ) async throws {
        switch kind {
        case .appeal: try await appendAppeal(action, item, transition, outbox, connection)
        case .complaint: try await appendComplaint(action, item, transition, outbox, connection)
        }
    }

    private static func appendAppeal(
        _ action: CaseAction, _ item: CaseFacts, _ transition: TransitionFacts, _ outbox: OutboxWriter,
        _ connection: PostgresConnection
    ) async throws {
        let t = transition
        switch action {
        case .submitted:
            try await outbox.append(AppealSubmitted(item: item, transition: t), on: connection)
        case .resubmitted:
            try await outbox.append(AppealResubmitted(item: item, transition: t), on: connection)
        case .reviewed(let textCorrected):
            try await outbox.append(AppealReviewed(item: item, transition: t, textCorrected: textCorrected), on: connection)
        case .dispatched(let previousUnitID, let reason):
            try await outbox.append(AppealDispatched(item: item, transition: t, previousUnitID: previousUnitID, reason: reason), on: connection)
        case .signed:
            try await outbox.append(AppealSigned(item: item, transition: t), on: connection)
        case .returned(let to, let reason):
            try await outbox.append(AppealReturned(item: item, transition: t, returnedTo: to, reason: reason), on: connection)
        case .coHandlerAdded(let unitID, let unitName):
            try await outbox.append(AppealCoHandlerAdded(item: item, transition: t, coHandlerUnitID: unitID, coHandlerUnitName: unitName), on: connection)
        case .progressReported(let checkpoint, let content):
            try await outbox.append(AppealProgressReported(item: item, transition: t, checkpoint: checkpoint, content: content), on: connection)
        case .materialRequested(let request):
            try await outbox.append(AppealMaterialRequested(item: item, transition: t, request: request), on: connection)
        case .materialSupplied:
            try await outbox.append(AppealMaterialSupplied(item: item, transition: t), on: connection)
        case .replied(let handlerName, let content):
            try await outbox.append(AppealReplied(item: item, transition: t, handlerName: handlerName, content: content), on: connection)
        case .rated(let solved, let satisfied):
            try await outbox.append(AppealRated(item: item, transition: t, solved: solved, satisfied: satisfied), on: connection)
        case .reopened:
            try await outbox.append(AppealReopened(item: item, transition: t), on: connection)
        case .closed(let unrated):
            try await outbox.append(AppealClosed(item: item, transition: t, unrated: unrated), on: connection)
        case .withdrawn(let reason):
            try await outbox.append(AppealWithdrawn(item: item, transition: t, reason: reason), on: connection)
        case .dueSoon:
            try await outbox.append(AppealDueSoon(item: item, transition: t), on: connection)
        case .overdue:
            try await outbox.append(AppealOverdue(item: item, transition: t), on: connection)
        case .escalated(let id, let note):
            try await outbox.append(AppealEscalated(item: item, transition: t, escalationID: id, note: note), on: connection)
        case .closureRequested(let unrated):
            try await outbox.append(AppealClosureRequested(item: item, transition: t, unrated: unrated), on: connection)
        case .closureReturned(let reason):
            try await outbox.append(AppealClosureReturned(item: item, transition: t, reason: reason), on: connection)
        case .markedMajor(let reason):
            try await outbox.append(AppealMarkedMajor(item: item, transition: t, reason: reason), on: connection)
        case .planFiled(let version, let resolveBy, let milestones):
            try await outbox.append(
                AppealPlanFiled(item: item, transition: t, planVersion: version, resolveBy: resolveBy, milestones: milestones),
                on: connection)
        }
    }

    private static func appendComplaint(
        _ action: CaseAction, _ item: CaseFacts, _ transition: TransitionFacts, _ outbox: OutboxWriter,
        _ connection: PostgresConnection
    ) async throws {
        let t = transition
        switch action {
        case .submitted:
            try await outbox.append(ComplaintSubmitted(item: item, transition: t), on: connection)
        case .resubmitted:
            try await outbox.append(ComplaintResubmitted(item: item, transition: t), on: connection)
        case .reviewed: return  // complaints have no liaison review
        case .dispatched(let previousUnitID, let reason):
            try await outbox.append(ComplaintDispatched(item: item, transition: t, previousUnitID: previousUnitID, reason: reason), on: connection)
        case .signed:
            try await outbox.append(ComplaintSigned(item: item, transition: t), on: connection)
        case .returned(let to, let reason):
            try await outbox.append(ComplaintReturned(item: item, transition: t, returnedTo: to, reason: reason), on: connection)
        case .coHandlerAdded(let unitID, let unitName):
            try await outbox.append(ComplaintCoHandlerAdded(item: item, transition: t, coHandlerUnitID: unitID, coHandlerUnitName: unitName), on: connection)
        case .progressReported(let checkpoint, let content):
            try await outbox.append(ComplaintProgressReported(item: item, transition: t, checkpoint: checkpoint, content: content), on: connection)
        case .materialRequested(let request):
            try await outbox.append(ComplaintMaterialRequested(item: item, transition: t, request: request), on: connection)
        case .materialSupplied:
            try await outbox.append(ComplaintMaterialSupplied(item: item, transition: t), on: connection)
        case .replied(let handlerName, let content):
            try await outbox.append(ComplaintReplied(item: item, transition: t, handlerName: handlerName, content: content), on: connection)
        case .rated(let solved, let satisfied):
            try await outbox.append(ComplaintRated(item: item, transition: t, solved: solved, satisfied: satisfied), on: connection)
        case .reopened:
            try await outbox.append(ComplaintReopened(item: item, transition: t), on: connection)
        case .closed(let unrated):
            try await outbox.append(ComplaintClosed(item: item, transition: t, unrated: unrated), on: connection)
        case .withdrawn(let reason):
            try await outbox.append(ComplaintWithdrawn(item: item, transition: t, reason: reason), on: connection)
        case .dueSoon:
            try await outbox.append(ComplaintDueSoon(item: item, transition: t), on: connection)
        case .overdue:
            try await outbox.append(ComplaintOverdue(item: item, transition: t), on: connection)
        case .escalated(let id, let note):
            try await outbox.append(ComplaintEscalated(item: item, transition: t, escalationID: id, note: note), on: connection)
        case .closureRequested(let unrated):
            try await outbox.append(ComplaintClosureRequested(item: item, transition: t, unrated: unrated), on: connection)
        case .closureReturned(let reason):
            try await outbox.append(ComplaintClosureReturned(item: item, transition: t, reason: reason), on: connection)
        case .markedMajor(let reason):
            try await outbox.append(ComplaintMarkedMajor(item: item, transition: t, reason: reason), on: connection)
        case .planFiled(let version, let resolveBy, let milestones):
            try await outbox.append(
                ComplaintPlanFiled(item: item, transition: t, planVersion: version, resolveBy: resolveBy, milestones: milestones),
                on: connection)
        }
    }
}
