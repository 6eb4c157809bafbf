import Contracts
import Foundation
import Hummingbird
import ServiceKit
import WorkCalendar

/// `GET /calendar/years` and `GET /calendar/years/{year}` (anyone) and `PUT /calendar/years/{year}` (platform admins): the official
/// calendar is data, so a new year needs no release. A PUT publishes the year as `CalendarYearPublished` (outbox, same
/// transaction), for the services that keep their own copy.
struct CalendarController {
    let runtime: AppealsRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }

    struct YearBody: Decodable {
        var source: String
        var holidays: [String]
        var makeupWorkdays: [String]
    }

    struct YearView: ResponseCodable {
        var year: Int
        var source: String
        var holidays: [String]
        var makeupWorkdays: [String]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("calendar/years", use: list)
        router.get("calendar/years/:year", use: year)
        router.put("calendar/years/:year", use: put)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<YearView> {
        let calendar = try await dependencies.pool.withConnection { try await CalendarStore.load(on: $0) }
        let views = try calendar.loadedYears.map { year in try view(calendar, year) }
        return Page(all: views)
    }

    /// One loaded year; a year without a calendar is 404.
    func year(_ request: Request, context: AppRequestContext) async throws -> YearView {
        let year = try context.pathNumber("year", in: 1900...9999)
        let calendar = try await dependencies.pool.withConnection { try await CalendarStore.load(on: $0) }
        return try view(calendar, year)
    }

    func put(_ request: Request, context: AppRequestContext) async throws -> YearView {
        let admin = try context.requireOfficial(.platformAdmin)
        let year = try context.pathNumber("year", in: 1900...9999)
        let body = try await request.decodeBody(YearBody.self, context: context)
        let source = body.source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty, source.count <= 200 else { throw APIError.invalid("source", "is required (at most 200 characters)") }
        let holidays = try days(body.holidays, field: "holidays")
        let makeups = try days(body.makeupWorkdays, field: "makeupWorkdays")
        let calendarYear: CalendarYear
        do {
            calendarYear = try CalendarYear(year: year, source: source, holidays: holidays, makeupWorkdays: makeups)
        } catch let error as WorkCalendarError {
            throw APIError.invalid(Self.field(of: error), error.description)
        }
        let logger = dependencies.logger
        let loaded = try view(WorkCalendar(years: [calendarYear]), year, given: calendarYear)
        let fixed = try await dependencies.pool.withTransaction { connection in
            let previous = try await CalendarStore.load(on: connection).year(year)
            try await CalendarStore.save(calendarYear, by: admin.accountID, on: connection)
            try await AuditTrail.append(
                try AuditEntry(
                    "loaded", subject: .calendarYear, id: String(year),
                    before: try previous.map { try view(WorkCalendar(years: [$0]), year, given: $0) }, after: loaded,
                    by: admin, acting: [.platformAdmin]),
                on: connection)
            // The services that count working days on their own copy (filing's statistics) keep it from this event.
            try await dependencies.outbox.append(
                CalendarYearPublished(
                    year: year, source: source, holidays: calendarYear.holidays.sorted().map(\.description),
                    makeupWorkdays: calendarYear.makeupWorkdays.sorted().map(\.description), publishedBy: admin.accountID,
                    publishedAt: Date()),
                on: connection)
            return try await DeadlinePlanner(connection: connection, logger: logger).recomputeMissing(at: Date())
        }
        logger.info(
            "calendar year loaded", metadata: ["year": "\(year)", "by": "\(admin.accountID)", "deadlinesComputed": "\(fixed)"])
        return loaded
    }

    private func days(_ texts: [String], field: String) throws -> Set<CalendarDay> {
        var result: Set<CalendarDay> = []
        for (index, text) in texts.enumerated() {
            guard let day = CalendarDay(text) else { throw APIError.invalid("\(field)[\(index)]", "must be a date yyyy-MM-dd") }
            result.insert(day)
        }
        return result
    }

    private static func field(of error: WorkCalendarError) -> String {
        switch error {
        case .makeupDayNotOnWeekend, .dayBothOffAndWorking: "makeupWorkdays"
        case .dayOutsideYear: "holidays"
        default: "year"
        }
    }

    private func view(_ calendar: WorkCalendar, _ year: Int, given: CalendarYear? = nil) throws -> YearView {
        guard let entry = given ?? calendar.year(year) else { throw APIError.notFound("calendar year") }
        return YearView(
            year: year, source: entry.source, holidays: entry.holidays.sorted().map(\.description),
            makeupWorkdays: entry.makeupWorkdays.sorted().map(\.description))
    }
}
