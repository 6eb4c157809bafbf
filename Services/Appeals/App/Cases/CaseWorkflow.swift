import Contracts
import Foundation
import Logging
import Outbox
import Postgres
import ServiceKit

/// Runs one transition: lock the item, check who may act and that the state allows it, change it,
/// restart the step's clock, record the archive entry and write the event, all in one transaction.
struct CaseWorkflow: Sendable {
    let dependencies: ServiceDependencies

    struct Actor: Sendable {
        var id: UUID?
        var role: String
        var unitID: UUID?

        static let system = Actor(id: nil, role: "system", unitID: nil)
    }

    /// What a transition decided.
    struct Outcome: Sendable {
        var action: CaseAction
        var note: String?
        /// Start the clock of the (new) status's step; false keeps the current clock.
        var restartsClock: Bool = true
        /// Transitions archived (with their events) just before this one, e.g. `rated` before `reopened`.
        var preceding: [CaseAction] = []
    }

    typealias Change = @Sendable (inout CaseRecord, PostgresConnection) async throws -> (Actor, Outcome)

    @discardableResult
    func transition(
        _ id: UUID, kind: CaseKind, access: CaseAccess?, verb: String, allowed: Set<CaseStatus>, change: Change
    ) async throws -> CaseRecord {
        try await dependencies.pool.withTransaction { connection in
            guard var record = try await CaseStore.lock(id, kind: kind, on: connection) else {
                throw APIError.notFound(kind.rawValue)
            }
            if let access, !(try await access.canSee(record, on: connection)) {
                throw APIError.notFound(kind.rawValue)
            }
            guard allowed.contains(record.status) else {
                throw APIError.conflict("cannot \(verb): the \(kind.rawValue) is \(record.status.phrase)")
            }
            let from = record.status
            let now = Date()
            let (actor, outcome) = try await change(&record, connection)
            record.updatedAt = now
            if outcome.restartsClock {
                try await DeadlinePlanner(connection: connection, logger: dependencies.logger).enterStep(&record, at: now)
            }
            try await CaseStore.save(record, on: connection)
            for action in outcome.preceding {
                try await archive(.init(action: action), of: record, from: from, by: actor, at: now, on: connection)
            }
            try await archive(outcome, of: record, from: from, by: actor, at: now, on: connection)
            return record
        }
    }

    /// Appends the archive entry and the event of a transition already applied to `record`.
    /// `scheme`: the item's deadline scheme when the caller has just read it (not read again).
    func archive(
        _ outcome: Outcome, of record: CaseRecord, from: CaseStatus?, by actor: Actor, at now: Date,
        scheme: DeadlineScheme? = nil, on connection: PostgresConnection
    ) async throws {
        let facts = CaseArchive.facts(of: outcome.action, record: record)
        try await CaseStore.addHistory(
            of: record.id, action: outcome.action.name, from: from, to: record.status, by: actor,
            note: CaseArchive.note(of: outcome.action, given: outcome.note, record: record), facts: facts.isEmpty ? nil : facts,
            enterpriseName: record.enterpriseName, at: now, on: connection)
        let transition = TransitionFacts(
            actorID: actor.id, actorRole: actor.role, actorUnitID: actor.unitID, fromStatus: from?.rawValue,
            toStatus: record.status.rawValue, note: outcome.note, at: now)
        try await CaseEventWriter.append(
            outcome.action, kind: record.kind, item: record.facts, transition: transition, outbox: dependencies.outbox,
            on: connection)
        try await CaseEventWriter.appendLimited(
            outcome.action, record: record, item: record.facts, transition: transition, outbox: dependencies.outbox,
            scheme: scheme, on: connection)
    }
}

extension CaseRecord {
    var facts: CaseFacts {
        CaseFacts(
            id: id, kind: kind.contractKind, serialNumber: serialNumber, title: title, enterpriseID: enterpriseID,
            enterpriseName: enterpriseName, region: region, category: category, status: status.rawValue, unitID: leadUnitID,
            unitName: leadUnitName, liaisonOfficialID: liaisonOfficialID, step: step, dueAt: pausedAt == nil ? dueAt : nil,
            submittedAt: submittedAt, closedAt: closedAt)
    }
}
