import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Handling by the units (co-handlers, progress, more material, reply), the enterprise's rating,
/// and inspectors' escalation.
extension CasesController {
    /// Another unit joins as co-handler; the lead stays (first-responder rule).
    func addCoHandler(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let body = try await request.decodeBody(UnitBody.self, context: context)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "add a co-handler",
                allowed: [.inProgress, .awaitingMaterial]
            ) { record, connection in
                let asDispatcher = access.principal.isOfficial(.dispatcher)
                try access.require(access.isLeadUnit(record) || asDispatcher)
                guard body.unitID != record.leadUnitID else { throw APIError.invalid("unitID", "is the lead unit") }
                let name = try await CaseStore.unitName(body.unitID, on: connection)
                let added = try await CaseStore.addCoHandler(
                    body.unitID, name: name, to: record.id, by: access.principal.accountID, at: Date(), on: connection)
                guard added else { throw APIError.invalid("unitID", "is already a co-handler") }
                let role: OfficialRole = access.isLeadUnit(record) ? .unitAdmin : .dispatcher
                return (officialActor(access, role: role),
                        .init(action: .coHandlerAdded(unitID: body.unitID, unitName: name), note: name, restartsClock: false))
            })
    }

    /// The lead or a co-handler reports progress; naming a checkpoint fulfils it.
    func reportProgress(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let body = try await request.decodeBody(ProgressBody.self, context: context)
        let content = try Validate.text(body.content, "content", max: 5000)
        let checkpoint = try Validate.optionalText(body.checkpoint, "checkpoint", max: 40)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "report progress", allowed: [.inProgress]
            ) { record, connection in
                let coHandler = try await access.isCoHandler(record, on: connection)
                try access.require(access.isLeadUnit(record) || coHandler)
                let now = Date()
                if let checkpoint {
                    guard try await CaseStore.reportCheckpoint(checkpoint, of: record, at: now, on: connection) else {
                        throw APIError.invalid("checkpoint", "is not an open checkpoint of this item")
                    }
                }
                try await CaseStore.addProgress(
                    to: record.id, checkpoint: checkpoint, content: content, by: access.principal, at: now, on: connection)
                return (officialActor(access, role: .unitAdmin),
                        .init(action: .progressReported(checkpoint: checkpoint, content: content), note: content, restartsClock: false))
            })
    }

    /// The lead unit asks the enterprise for more material; the clock stops until it arrives.
    func requestMaterial(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let text = try Validate.text(
            try await request.decodeBody(MaterialRequestBody.self, context: context).request, "request", max: 2000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "ask for more material", allowed: [.inProgress]
            ) { record, connection in
                try access.require(access.isLeadUnit(record))
                record.status = .awaitingMaterial
                DeadlinePlanner(connection: connection, logger: dependencies.logger).pause(&record, at: Date())
                return (officialActor(access, role: .unitAdmin),
                        .init(action: .materialRequested(request: text), note: text, restartsClock: false))
            })
    }

    /// The enterprise supplies the material; the clock runs again, its due time moved by the pause.
    func supplyMaterial(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let note = try Validate.optionalText(
            try await request.decodeBody(MaterialBody.self, context: context).note, "note", max: 5000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "supply material", allowed: [.awaitingMaterial]
            ) { record, connection in
                try access.require(access.isOwner(record))
                record.status = .inProgress
                try await DeadlinePlanner(connection: connection, logger: dependencies.logger).resume(&record, at: Date())
                return (enterpriseActor(access), .init(action: .materialSupplied, note: note, restartsClock: false))
            })
    }

    /// The lead unit answers; every required checkpoint must be reported first.
    func reply(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let body = try await request.decodeBody(ReplyBody.self, context: context)
        let handler = try Validate.text(body.handlerName, "handlerName", max: 40)
        let phone = try Validate.phone(body.phone, "phone", .mobileOrLandline)
        let content = try Validate.text(body.content, "content", max: 5000)
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "reply", allowed: [.inProgress]) {
                record, connection in
                try access.require(access.isLeadUnit(record))
                let missing = try await DeadlinePlanner(connection: connection, logger: dependencies.logger).missingCheckpoints(record)
                guard missing.isEmpty else {
                    throw APIError.conflict(
                        "cannot reply: the \(kind.rawValue) is in progress without its required progress report (\(missing.joined(separator: ", ")))")
                }
                let now = Date()
                let answer = CaseReply(
                    handlerName: handler, unitID: record.leadUnitID, unitName: record.leadUnitName, phone: phone, content: content,
                    repliedAt: now)
                record.reply = try PostgresJSON(encoding: answer, encoder: EventJSON.makeEncoder())
                record.repliedAt = now
                record.solved = nil
                record.satisfied = nil
                record.status = .replied
                return (officialActor(access, role: .unitAdmin), .init(action: .replied(handlerName: handler, content: content)))
            })
    }

    /// The enterprise rates the reply. Not solved and not satisfied reopens it to the same unit; otherwise
    /// it closes, or waits for the assigning side's approval where the scheme requires it.
    func rate(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let body = try await request.decodeBody(RatingBody.self, context: context)
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "rate", allowed: [.replied]) {
                record, connection in
                try access.require(access.isOwner(record))
                record.solved = body.solved
                record.satisfied = body.satisfied
                let rated = CaseAction.rated(solved: body.solved, satisfied: body.satisfied)
                if !body.solved && !body.satisfied {
                    record.status = .inProgress
                    return (enterpriseActor(access), .init(action: .reopened, note: "未解决且不满意，重新办理", preceding: [rated]))
                }
                if try await DeadlineScheme.load(record.schemeCode, on: connection).closureApproval {
                    record.status = .awaitingClosure
                    return (enterpriseActor(access), .init(action: .closureRequested(unrated: false), preceding: [rated]))
                }
                record.status = .closed
                record.closedAt = Date()
                return (enterpriseActor(access), .init(action: .closed(unrated: false), preceding: [rated]))
            })
    }

    /// An inspector escalates (督办) an open item; the record can never change.
    func escalate(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requireOfficial(.inspector))
        let note = try Validate.text(try await request.decodeBody(EscalationBody.self, context: context).note, "note", max: 2000)
        let open = Set(CaseStatus.allCases.filter(\.isOpen))
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "escalate", allowed: open) {
                record, connection in
                let id = try await CaseStore.addEscalation(
                    of: record, note: note, by: access.principal.accountID, at: Date(), on: connection)
                return (officialActor(access, role: .inspector),
                        .init(action: .escalated(id: id, note: note), note: note, restartsClock: false))
            })
    }
}
