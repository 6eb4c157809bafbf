import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// Filing windows as data: the standing rule (days of the month after the period) and a month's own
/// window, both kept by bureau admins; and reopening one enterprise's month with a reason for N days.
struct WindowsController {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    struct WindowInput: Decodable {
        var opensOn: String?
        var closesOn: String?
    }

    struct ReopeningInput: Decodable {
        var period: String?
        var days: Int?
        var reason: String?
    }

    struct Reopening: ResponseCodable, Equatable {
        var id: UUID
        var reportingEnterpriseID: UUID
        var period: String
        var until: String
        var reason: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("window-rule", use: rule)
        router.put("window-rule", use: setRule)
        router.get("filing-windows/:period", use: window)
        router.put("filing-windows/:period", use: setWindow)
        router.post("reporting-enterprises/:id/reopenings", use: reopen)
    }

    func rule(_ request: Request, context: AppRequestContext) async throws -> WindowStore.Rule {
        try await pool.withConnection { try await WindowStore.rule(on: $0) }
    }

    func setRule(_ request: Request, context: AppRequestContext) async throws -> WindowStore.Rule {
        let admin = try context.requireBureauAdmin()
        let body = try await request.decodeBody(WindowStore.Rule.self, context: context)
        guard (1...28).contains(body.opensDay) else { throw APIError.invalid("opensDay", "must be a whole number from 1 to 28") }
        guard (body.opensDay...28).contains(body.closesDay) else {
            throw APIError.invalid("closesDay", "must be a whole number from opensDay to 28")
        }
        return try await pool.withTransaction { connection in
            let before = try await WindowStore.rule(on: connection)
            try await WindowStore.setRule(body, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "updated", subjectKind: "windowRule", subjectID: "rule", by: admin, acting: [.statistician],
                    detail: ["before": .string("\(before.opensDay)-\(before.closesDay)"), "after": .string("\(body.opensDay)-\(body.closesDay)")]),
                on: connection)
            return body
        }
    }

    func window(_ request: Request, context: AppRequestContext) async throws -> FilingWindow.View {
        let period = try FilingPeriod.parse(context.parameters.get("period"))
        return try await pool.withConnection { connection in
            try await WindowStore.window(of: period, on: connection).view(today: FilingWindow.today())
        }
    }

    /// `PUT /filing-windows/{period}` (bureau admins): the month's own window, Beijing dates, both included.
    func setWindow(_ request: Request, context: AppRequestContext) async throws -> FilingWindow.View {
        let admin = try context.requireBureauAdmin()
        let period = try FilingPeriod.parse(context.parameters.get("period"))
        let body = try await request.decodeBody(WindowInput.self, context: context)
        guard let opens = body.opensOn.flatMap(CalendarDay.init) else { throw APIError.invalid("opensOn", "must be a date written yyyy-MM-dd") }
        guard let closes = body.closesOn.flatMap(CalendarDay.init) else { throw APIError.invalid("closesOn", "must be a date written yyyy-MM-dd") }
        guard closes >= opens else { throw APIError.invalid("closesOn", "must not be before opensOn") }
        guard opens.distance(to: closes) <= 366 else { throw APIError.invalid("closesOn", "must be within a year of opensOn") }
        let window = FilingWindow(period: period, opensOn: opens, closesOn: closes, source: "set")
        return try await pool.withTransaction { connection in
            let before = try await WindowStore.window(of: period, on: connection)
            let now = Date()
            try await WindowStore.setWindow(window, by: admin.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "updated", subjectKind: "filingWindow", subjectID: period.description, by: admin, acting: [.statistician],
                    detail: ["before": .string("\(before.opensOn)..\(before.closesOn)"), "after": .string("\(opens)..\(closes)")]),
                at: now, on: connection)
            return window.view(today: FilingWindow.today(at: now))
        }
    }

    /// `POST /reporting-enterprises/{id}/reopenings` (bureau admins): the enterprise may file or revise
    /// the month from today for `days` days (Beijing dates), whatever its window and approval.
    func reopen(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Reopening> {
        let admin = try context.requireBureauAdmin()
        let id = try context.pathID()
        let body = try await request.decodeBody(ReopeningInput.self, context: context)
        let period = try FilingPeriod.parse(body.period)
        guard let days = body.days, (1...60).contains(days) else { throw APIError.invalid("days", "must be a whole number from 1 to 60") }
        let reason = try Validate.text(body.reason, "reason", max: 500)
        let now = Date()
        let today = FilingWindow.today(at: now)
        guard period < FilingPeriod(year: today.year, month: today.month) ?? period else {
            throw APIError.invalid("period", "must be a month that has ended")
        }
        let until = today.adding(days: days - 1)
        let reopening = Reopening(id: UUID(), reportingEnterpriseID: id, period: period.description, until: until.description, reason: reason)
        try await pool.withTransaction { connection in
            guard let entry = try await ReportingEnterpriseStore.load(id, on: connection) else { throw APIError.notFound("reporting enterprise") }
            guard FilingAccess(claims: admin).statisticianCovers(entry.region) else { throw APIError.forbidden }
            try await WindowStore.insertReopening(
                id: reopening.id, reportingEnterpriseID: id, period: period, until: until, reason: reason, by: admin.accountID, at: now,
                on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "reopened", subjectKind: "filingMonth", subjectID: "\(id.uuidString.lowercased())/\(period)", by: admin,
                    acting: [.statistician], detail: ["reason": .string(reason), "until": .string(until.description)]),
                at: now, on: connection)
            try await runtime.dependencies.outbox.append(
                FilingMonthReopened(
                    reportingEnterpriseID: id, enterpriseName: entry.name, region: entry.region, period: period.description,
                    until: until.description, reason: reason, reopenedBy: admin.accountID, reopenedAt: now),
                on: connection)
        }
        return EditedResponse(status: .created, response: reopening)
    }
}
