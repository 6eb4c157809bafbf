import Contracts
import Foundation
import Outbox
import Postgres

extension CaseEventWriter {
    /// Beside the v1 event, the version carrying the item's step limits, for the transitions whose
    /// notices state a limit (submitted appeal: review; dispatched: sign; replied: rate).
    static func appendLimited(
        _ action: CaseAction, record: CaseRecord, item: CaseFacts, transition t: TransitionFacts, outbox: OutboxWriter,
        scheme known: DeadlineScheme? = nil, on connection: PostgresConnection
    ) async throws {
        func limits() async throws -> StepLimits {
            if let known, known.code == record.schemeCode { return StepLimitWording.limits(of: known, major: record.major) }
            return StepLimitWording.limits(of: try await DeadlineScheme.load(record.schemeCode, on: connection), major: record.major)
        }
        switch (record.kind, action) {
        case (.appeal, .submitted):
            try await outbox.append(AppealSubmittedV2(item: item, transition: t, limits: try await limits()), on: connection)
        case (.appeal, .dispatched(let previousUnitID, let reason)):
            try await outbox.append(
                AppealDispatchedV2(item: item, transition: t, previousUnitID: previousUnitID, reason: reason, limits: try await limits()),
                on: connection)
        case (.appeal, .replied(let handlerName, let content)):
            try await outbox.append(
                AppealRepliedV2(item: item, transition: t, handlerName: handlerName, content: content, limits: try await limits()),
                on: connection)
        case (.complaint, .dispatched(let previousUnitID, let reason)):
            try await outbox.append(
                ComplaintDispatchedV2(item: item, transition: t, previousUnitID: previousUnitID, reason: reason, limits: try await limits()),
                on: connection)
        case (.complaint, .replied(let handlerName, let content)):
            try await outbox.append(
                ComplaintRepliedV2(item: item, transition: t, handlerName: handlerName, content: content, limits: try await limits()),
                on: connection)
        default:
            return
        }
    }
}
