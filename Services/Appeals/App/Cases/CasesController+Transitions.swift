import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The transitions of the life cycle, one route each.
extension CasesController {
    struct ReasonBody: Decodable { var reason: String }
    struct OptionalReasonBody: Decodable { var reason: String? }
    struct ReviewBody: Decodable {
        var title: String?
        var detail: String?
        var note: String?
    }
    struct DispatchBody: Decodable {
        var unitID: UUID
        var reason: String?
    }
    struct UnitBody: Decodable { var unitID: UUID }
    struct ProgressBody: Decodable {
        var content: String
        var checkpoint: String?
    }
    struct MaterialRequestBody: Decodable { var request: String }
    struct MaterialBody: Decodable { var note: String? }
    struct ReplyBody: Decodable {
        var handlerName: String
        var phone: String
        var content: String
    }
    struct RatingBody: Decodable {
        var solved: Bool
        var satisfied: Bool
    }
    struct EscalationBody: Decodable { var note: String }

    static let beforeSignOff: Set<CaseStatus> = [.reviewing, .returnedToEnterprise, .dispatching, .signing]
    static let handling: Set<CaseStatus> = [.signing, .inProgress, .awaitingMaterial]

    func addTransitionRoutes(to group: RouterGroup<AppRequestContext>) {
        if kind.hasLiaisonReview { group.post(":id/review", use: review) }
        group.post(":id/return-to-enterprise", use: returnToEnterprise)
        group.post(":id/resubmit", use: resubmit)
        group.post(":id/withdraw", use: withdraw)
        group.post(":id/dispatch", use: dispatch)
        group.post(":id/sign", use: sign)
        group.post(":id/return", use: returnToDispatcher)
        group.post(":id/co-handlers", use: addCoHandler)
        group.post(":id/progress", use: reportProgress)
        group.post(":id/material-requests", use: requestMaterial)
        group.post(":id/material", use: supplyMaterial)
        group.post(":id/reply", use: reply)
        group.post(":id/rating", use: rate)
        group.post(":id/escalations", use: escalate)
    }

    /// The liaison official passes the item on, optionally correcting its text (both kept).
    func review(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let body = try await request.decodeBody(ReviewBody.self, context: context)
        let title = try Validate.optionalText(body.title, "title", max: 100)
        let detail = try Validate.optionalText(body.detail, "detail", max: 5000)
        let note = try Validate.optionalText(body.note, "note", max: 1000)
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "review", allowed: [.reviewing]) {
                record, connection in
                try access.require(access.isLiaison(record))
                var form = try record.form.decode(AppealForm.self, decoder: EventJSON.makeDecoder())
                let corrected = (title != nil && title != form.problem.title) || (detail != nil && detail != form.problem.detail)
                if corrected {
                    form.problem.title = title ?? form.problem.title
                    form.problem.detail = detail ?? form.problem.detail
                    record.title = form.problem.title
                    record.form = try PostgresJSON(encoding: form, encoder: EventJSON.makeEncoder())
                    try await CaseStore.addVersion(
                        to: record.id, title: form.problem.title, detail: form.problem.detail,
                        authorID: access.principal.accountID, role: "liaison", at: Date(), on: connection)
                }
                record.status = .dispatching
                return (officialActor(access, role: .liaison), .init(action: .reviewed(textCorrected: corrected), note: note))
            })
    }

    /// The liaison (in review) or a dispatcher sends the item back to the enterprise to edit.
    func returnToEnterprise(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let reason = try Validate.text(try await request.decodeBody(ReasonBody.self, context: context).reason, "reason", max: 1000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "return to the enterprise",
                allowed: [.reviewing, .dispatching]
            ) { record, _ in
                let role: OfficialRole = record.status == .reviewing ? .liaison : .dispatcher
                try access.require(role == .liaison ? access.isLiaison(record) : access.principal.isOfficial(role))
                record.status = .returnedToEnterprise
                return (officialActor(access, role: role), .init(action: .returned(to: "enterprise", reason: reason), note: reason))
            })
    }

    /// The enterprise edits an item returned to it and submits it again.
    func resubmit(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let draft: CaseSubmission.Draft
        switch kind {
        case .appeal: draft = try appealDraft(try await request.decodeBody(AppealForm.self, context: context).validated(now: Date()))
        case .complaint: draft = try complaintDraft(try await request.decodeBody(ComplaintForm.self, context: context).validated())
        }
        let submission = CaseSubmission(dependencies: dependencies, cipher: cipher)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "resubmit", allowed: [.returnedToEnterprise]
            ) { record, connection in
                try access.require(access.isOwner(record))
                try await CaseSubmission.checkCategory(draft.category, kind: kind, field: draft.categoryField, on: connection)
                try await AttachmentStore.check(
                    draft.attachments, field: draft.attachmentsField, enterpriseID: record.enterpriseID, on: connection)
                record.title = draft.title
                record.form = draft.form
                try await CaseStore.setCategory(draft.category, of: record.id, on: connection)
                record.category = draft.category
                try await submission.sealContacts(draft.personal, caseID: record.id, replacing: true, on: connection)
                try await CaseStore.addVersion(
                    to: record.id, title: draft.title, detail: draft.detail, authorID: access.principal.accountID,
                    role: "enterprise", at: Date(), on: connection)
                record.status = record.liaisonOfficialID == nil ? .dispatching : .reviewing
                return (enterpriseActor(access), .init(action: .resubmitted))
            })
    }

    /// The enterprise withdraws its item before a unit signs for it.
    func withdraw(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let reason = try Validate.optionalText(
            try await request.decodeBody(OptionalReasonBody.self, context: context).reason, "reason", max: 1000)
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "withdraw", allowed: Self.beforeSignOff) {
                record, _ in
                try access.require(access.isOwner(record))
                record.status = .withdrawn
                record.closedAt = Date()
                return (enterpriseActor(access), .init(action: .withdrawn(reason: reason), note: reason))
            })
    }

    /// A dispatcher routes the item to its lead unit; once a unit has it, only a reassignment with
    /// a reason changes the lead (first-responder rule).
    func dispatch(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requireOfficial(.dispatcher))
        let body = try await request.decodeBody(DispatchBody.self, context: context)
        let reason = try Validate.optionalText(body.reason, "reason", max: 1000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "dispatch",
                allowed: Self.handling.union([.dispatching])
            ) { record, connection in
                let unitName = try await CaseStore.unitName(body.unitID, on: connection)
                var previous: UUID?
                if record.status != .dispatching {
                    guard reason != nil else { throw APIError.invalid("reason", "is required to reassign a unit's item") }
                    guard record.leadUnitID != body.unitID else { throw APIError.invalid("unitID", "is already the lead unit") }
                    previous = record.leadUnitID
                }
                record.leadUnitID = body.unitID
                record.leadUnitName = unitName
                record.returnedReason = nil
                record.status = .signing
                return (officialActor(access, role: .dispatcher), .init(action: .dispatched(previousUnitID: previous, reason: reason), note: reason))
            })
    }

    func sign(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "sign", allowed: [.signing]) { record, _ in
                try access.require(access.isLeadUnit(record))
                record.status = .inProgress
                return (officialActor(access, role: .unitAdmin), .init(action: .signed))
            })
    }

    /// The unit hands the item back to the dispatchers as not theirs, with a reason.
    func returnToDispatcher(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let reason = try Validate.text(try await request.decodeBody(ReasonBody.self, context: context).reason, "reason", max: 1000)
        return try await summary(
            workflow.transition(try context.pathID(), kind: kind, access: access, verb: "return", allowed: [.signing]) { record, _ in
                try access.require(access.isLeadUnit(record))
                record.leadUnitID = nil
                record.leadUnitName = nil
                record.returnedReason = reason
                record.status = .dispatching
                return (officialActor(access, role: .unitAdmin), .init(action: .returned(to: "dispatcher", reason: reason), note: reason))
            })
    }
}

extension CasesController {
    func officialActor(_ access: CaseAccess, role: OfficialRole) -> CaseWorkflow.Actor {
        .init(id: access.principal.accountID, role: role.rawValue, unitID: access.principal.unitID)
    }

    func enterpriseActor(_ access: CaseAccess) -> CaseWorkflow.Actor {
        .init(id: access.principal.accountID, role: "enterprise", unitID: nil)
    }

    func summary(_ record: CaseRecord) -> CaseSummary {
        CaseSummary(record, liaisonName: nil, now: Date())
    }
}
