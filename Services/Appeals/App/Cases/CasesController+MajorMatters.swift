import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// 13710's "1 month" and "0": a major or complex matter runs on the scheme's longer limit and, when
/// it cannot make it, on a plan with dates; and where the scheme says so, closure (销号) waits for
/// the assigning side, who approves it or returns the item to its lead unit.
extension CasesController {
    struct MajorBody: Decodable { var reason: String }
    struct PlanBody: Decodable {
        struct Milestone: Decodable {
            var date: String
            var content: String
        }
        var resolveBy: String
        var milestones: [Milestone]
        var reason: String
    }
    struct ClosureApprovalBody: Decodable { var note: String? }

    func addMajorMatterRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(":id/major", use: markMajor)
        group.post(":id/plans", use: filePlan)
        group.post(":id/closure/approve", use: approveClosure)
        group.post(":id/closure/return", use: returnClosure)
    }

    /// The lead unit or a dispatcher marks the item major/complex; the handling step is timed anew
    /// on the scheme's major limit from when handling began.
    func markMajor(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let reason = try Validate.text(try await request.decodeBody(MajorBody.self, context: context).reason, "reason", max: 1000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "mark as a major matter", allowed: [.inProgress]
            ) { record, connection in
                let asDispatcher = access.principal.isOfficial(.dispatcher)
                try access.require(access.isLeadUnit(record) || asDispatcher)
                guard !record.major else {
                    throw APIError.conflict("cannot mark as a major matter: the \(kind.rawValue) is already one")
                }
                let scheme = try await DeadlineScheme.load(record.schemeCode, on: connection)
                guard let step = scheme.step(variant: .major, status: .inProgress), step.limitDays != nil else {
                    throw APIError.conflict(
                        "cannot mark as a major matter: the \(kind.rawValue)'s deadline scheme (\(scheme.code)) has no major-matter limit")
                }
                record.major = true
                record.majorReason = reason
                try await DeadlinePlanner(connection: connection, logger: dependencies.logger).retime(
                    &record, by: step, from: record.stepStartedAt ?? Date(), fraction: scheme.dueSoonFraction)
                let role: OfficialRole = access.isLeadUnit(record) ? .unitAdmin : .dispatcher
                return (officialActor(access, role: role),
                        .init(action: .markedMajor(reason: reason), note: reason, restartsClock: false))
            })
    }

    /// The lead unit of a major matter files a plan with dates; its last date becomes the due time.
    /// A later plan is a new version (the earlier ones stay in the record).
    func filePlan(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requirePrincipal())
        let body = try await request.decodeBody(PlanBody.self, context: context)
        let reason = try Validate.text(body.reason, "reason", max: 1000)
        let today = CalendarDay(containing: Date(), in: WorkCalendar.chinaTimeZone)
        // The dates' order (today ≤ milestones ≤ resolveBy) is checked once the item is found: a plan
        // for an item that does not exist is 404 however its dates relate.
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "file a plan", allowed: [.inProgress]
            ) { record, connection in
                try access.require(access.isLeadUnit(record))
                guard record.major else {
                    throw APIError.conflict("cannot file a plan: the \(kind.rawValue) is in progress but not a major matter")
                }
                let scheme = try await DeadlineScheme.load(record.schemeCode, on: connection)
                guard let step = scheme.step(variant: .plan, status: .inProgress) else {
                    throw APIError.conflict("cannot file a plan: the \(kind.rawValue)'s deadline scheme (\(scheme.code)) has no plans")
                }
                let plan = try Self.validatedPlan(body, today: today)
                let now = Date()
                let version = try await CaseStore.addPlan(
                    to: record.id, resolveBy: plan.resolveBy.description, milestones: plan.milestones, reason: reason,
                    by: access.principal, at: now, on: connection)
                let due = plan.resolveBy.end(in: WorkCalendar.chinaTimeZone)
                try await DeadlinePlanner(connection: connection, logger: dependencies.logger).retime(
                    &record, step: step.code, due: due, from: now, fraction: scheme.dueSoonFraction)
                return (officialActor(access, role: .unitAdmin),
                        .init(
                            action: .planFiled(version: version, resolveBy: plan.resolveBy.description, milestones: plan.milestones),
                            note: reason, restartsClock: false))
            })
    }

    /// A dispatcher approves the closure (销号) of an item waiting for it.
    func approveClosure(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requireOfficial(.dispatcher))
        let note = try Validate.optionalText(
            try await request.decodeBody(ClosureApprovalBody.self, context: context).note, "note", max: 1000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "approve closure", allowed: [.awaitingClosure]
            ) { record, _ in
                record.status = .closed
                record.closedAt = Date()
                return (officialActor(access, role: .dispatcher), .init(action: .closed(unrated: record.unrated), note: note ?? "同意销号"))
            })
    }

    /// A dispatcher does not approve the closure: the item goes back to its lead unit, with a reason.
    func returnClosure(_ request: Request, context: AppRequestContext) async throws -> CaseSummary {
        let access = CaseAccess(principal: try context.requireOfficial(.dispatcher))
        let reason = try Validate.text(try await request.decodeBody(ReasonBody.self, context: context).reason, "reason", max: 1000)
        return try await summary(
            workflow.transition(
                try context.pathID(), kind: kind, access: access, verb: "return the closure", allowed: [.awaitingClosure]
            ) { record, _ in
                record.status = .inProgress
                record.solved = nil
                record.satisfied = nil
                record.unrated = false
                return (officialActor(access, role: .dispatcher), .init(action: .closureReturned(reason: reason), note: reason))
            })
    }

    struct ValidatedPlan {
        var resolveBy: CalendarDay
        var milestones: [PlanMilestone]
    }

    /// Dates are `yyyy-MM-dd` (Asia/Shanghai): the resolution after today and within a year, the
    /// milestones in order between today and it.
    static func validatedPlan(_ body: PlanBody, today: CalendarDay) throws -> ValidatedPlan {
        guard let resolveBy = CalendarDay(body.resolveBy) else { throw APIError.invalid("resolveBy", "must be a date (yyyy-MM-dd)") }
        guard today < resolveBy else { throw APIError.invalid("resolveBy", "must be after today (\(today))") }
        guard resolveBy <= today.adding(days: 366) else { throw APIError.invalid("resolveBy", "must be within a year") }
        guard (1...12).contains(body.milestones.count) else { throw APIError.invalid("milestones", "must list 1 to 12 dated steps") }
        var milestones: [PlanMilestone] = []
        var previous = today
        for (index, milestone) in body.milestones.enumerated() {
            let field = "milestones[\(index)]"
            guard let date = CalendarDay(milestone.date) else { throw APIError.invalid("\(field).date", "must be a date (yyyy-MM-dd)") }
            guard previous <= date, date <= resolveBy else {
                throw APIError.invalid("\(field).date", "must be in order, from today to resolveBy")
            }
            let content = try Validate.text(milestone.content, "\(field).content", max: 500)
            milestones.append(PlanMilestone(date: date.description, content: content))
            previous = date
        }
        return ValidatedPlan(resolveBy: resolveBy, milestones: milestones)
    }
}
