import Contracts
import Foundation
import Outbox
import Postgres
import ServiceKit
import WorkCalendar

/// 好差评 of a concluded application (国办发〔2019〕51号): its applicant (or a member of its enterprise)
/// rates it once, within `ratingWindowDays` calendar days of the conclusion; 不满意 and 非常不满意 open a
/// follow-up (回访整改) that a policy editor or reviewer of the implementing unit answers within
/// `followUpWorkingDays` working days on the official calendar. Each step is one transaction with its
/// rating row, its stage history row, its audit row and its events.
struct ApplicationRatingWorkflow {
    let dependencies: ServiceDependencies

    /// A rating is taken up to the end of the 15th calendar day (Beijing time) after the day the
    /// application was concluded; that day itself does not count, as with every limit on the calendar.
    static let ratingWindowDays = 15
    /// The unit answers a follow-up by the end of the 5th working day after the day of the rating.
    static let followUpWorkingDays = 5

    /// The applicant rates a concluded application: 404 when the caller cannot see it, 403 when they
    /// see it but did not apply, 409 when it is not concluded, is rated already, or the window closed.
    func rate(
        _ id: UUID, level: ApplicationRating.Level, comment: String?, by principal: AccessClaims, at now: Date = Date()
    ) async throws -> ApplicationRating {
        try await dependencies.pool.withTransaction { connection in
            let record = try await Self.application(id, by: principal, may: ApplicationAccess.applies, on: connection)
            guard record.status.isConcluded, let concludedAt = record.concludedAt else {
                throw APIError.conflict("only a concluded (办结) application is rated; this one is \(record.status.rawValue)")
            }
            guard try await ApplicationRatingStore.find(id, on: connection) == nil else { throw ApplicationRatingStore.alreadyRated }
            try Self.checkWindow(concludedAt: concludedAt, now: now)
            let due = level.opensFollowUp ? try await Self.followUpDue(ratedAt: now, on: connection) : nil
            let rating = ApplicationRating(applicationID: id, level: level, comment: comment, ratedBy: principal.accountID, ratedAt: now, followUpDueAt: due)
            try await ApplicationRatingStore.insert(rating, on: connection)
            try await stage(
                "rated", record, by: principal.accountID, role: "applicant", note: level.rawValue,
                detail: ["level": .string(level.rawValue), "hasComment": .bool(comment != nil), "followUp": .bool(rating.followUpOpened)], at: now,
                on: connection)
            try await dependencies.outbox.append(
                RedemptionApplicationRated(application: record.facts, level: level.rawValue, hasComment: comment != nil, ratedAt: now), on: connection)
            if rating.followUpOpened {
                try await dependencies.outbox.append(
                    RedemptionFollowUpOpened(application: record.facts, level: level.rawValue, dueAt: due, openedAt: now), on: connection)
            }
            return rating
        }
    }

    /// A policy editor or reviewer of the implementing unit answers the open follow-up (整改情况):
    /// 404 when they cannot see the application, 403 when they see it but do not handle it, 409 when
    /// no follow-up is open or it was answered already.
    func answer(_ id: UUID, _ answer: String, by official: AccessClaims, at now: Date = Date()) async throws -> ApplicationRating {
        try await dependencies.pool.withTransaction { connection in
            let record = try await Self.application(id, by: official, may: ApplicationAccess.handles, on: connection)
            guard var rating = try await ApplicationRatingStore.find(id, on: connection), rating.followUpOpened else {
                throw APIError.conflict("no follow-up (回访整改) is open for this application: only a 不满意 or 非常不满意 rating opens one")
            }
            guard rating.followUpAnswer == nil else { throw APIError.conflict("this application's follow-up has been answered already") }
            if rating.followUpDueAt == nil {
                // The calendar may have been given the missing year since the rating.
                rating.followUpDueAt = try await Self.followUpDue(ratedAt: rating.ratedAt, on: connection)
            }
            rating.followUpAnswer = answer
            rating.followUpBy = official.accountID
            rating.followUpAt = now
            let onTime = rating.answeredOnTime ?? true
            try await ApplicationRatingStore.saveFollowUp(rating, on: connection)
            try await stage(
                "followUpAnswered", record, by: official.accountID, role: "unit", note: answer, detail: ["note": .string(answer), "onTime": .bool(onTime)],
                at: now, on: connection)
            try await dependencies.outbox.append(
                RedemptionFollowUpAnswered(application: record.facts, answeredBy: official.accountID, answeredAt: now, dueAt: rating.followUpDueAt, onTime: onTime),
                on: connection)
            return rating
        }
    }

    /// The application, locked, if `principal` may act on it (404 when they cannot see it, 403 when
    /// they see it but `allowed` says no).
    private static func application(
        _ id: UUID, by principal: AccessClaims, may allowed: (AccessClaims, ApplicationRecord) -> Bool, on connection: PostgresConnection
    ) async throws -> ApplicationRecord {
        guard let record = try await ApplicationStore.find(id, forUpdate: true, on: connection), ApplicationAccess.sees(principal, record) else {
            throw APIError.notFound(ApplicationStore.noun)
        }
        guard allowed(principal, record) else { throw APIError.forbidden }
        return record
    }

    /// Records the stage (history and audit); the application's status stays as it is. The comment is
    /// never written to the audit trail (it may hold personal data).
    private func stage(
        _ action: String, _ record: ApplicationRecord, by accountID: UUID, role: String, note: String, detail extra: [String: JSONValue], at now: Date,
        on connection: PostgresConnection
    ) async throws {
        try await ApplicationStore.appendStage(
            .init(action: action, fromStatus: record.status.rawValue, toStatus: record.status.rawValue, round: record.round, by: accountID, at: now, note: note),
            of: record.id, on: connection)
        var detail: [String: JSONValue] = ["to": .string(record.status.rawValue), "round": .int(record.round)]
        detail.merge(extra) { _, new in new }
        try await AuditTrail.append(
            AuditEntry(
                action: "redemptionApplication.\(action)", subjectKind: "redemptionApplication", subjectID: record.id.uuidString.lowercased(),
                actorID: accountID, actorRole: role, detail: detail),
            on: connection)
    }

    /// The last Beijing day a rating is taken (`yyyy-MM-dd`).
    static func lastRatingDay(concludedAt: Date) -> CalendarDay {
        CalendarDay(containing: concludedAt, in: WorkCalendar.chinaTimeZone).adding(days: ratingWindowDays)
    }

    /// 409 naming `window` once the rating window has closed.
    static func checkWindow(concludedAt: Date, now: Date) throws {
        let last = lastRatingDay(concludedAt: concludedAt)
        guard now < last.end(in: WorkCalendar.chinaTimeZone) else {
            let today = CalendarDay(containing: now, in: WorkCalendar.chinaTimeZone)
            throw APIError(
                .conflict, code: "window_closed",
                message: "an application is rated within \(ratingWindowDays) days of its conclusion (办结), up to \(last); today is \(today)",
                field: "window")
        }
    }

    /// The end of the follow-up limit's last working day, or nil when the calendar lacks a year it reaches.
    static func followUpDue(ratedAt: Date, on connection: PostgresConnection) async throws -> Date? {
        let calendar = try await PolicyCalendarStore.load(on: connection)
        do {
            let start = CalendarDay(containing: ratedAt, in: calendar.timeZone)
            return try calendar.lastDay(of: followUpWorkingDays, .workingDays, after: start).end(in: calendar.timeZone)
        } catch is WorkCalendarError {
            return nil
        }
    }
}
