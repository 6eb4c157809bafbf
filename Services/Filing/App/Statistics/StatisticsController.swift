import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The monthly statistics (issue 15, first part): appeals and complaints per unit, the items behind
/// each figure, policy publications per unit; and the platform admins' rebuild of the read models.
struct StatisticsController {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("statistics/appeals/:month", use: appealFigures)
        router.get("statistics/appeals/:month/csv", use: appealFiguresCSV)
        router.get("statistics/appeals/:month/items", use: appealItems)
        router.get("statistics/appeals/:month/items/csv", use: appealItemsCSV)
        router.get("statistics/policies/:month", use: policyFigures)
        router.get("statistics/redemption/:month", use: redemptionFigures)
        router.get("statistics/filings/:month", use: filingFigures)
        router.get("statistics/liaison/:quarter", use: liaisonFigures)
        router.get("statistics/briefings/:quarter", use: briefingFigures)
        router.post("statistics/rebuild", use: rebuild)
    }

    /// `GET /statistics/appeals/{month}?unit=&region=&category=&kind=`: one row per lead unit.
    func appealFigures(_ request: Request, context: AppRequestContext) async throws -> Page<AppealUnitFigures> {
        var filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        filter.unitID = try StatisticsAccess.unitScope(context, requested: filter.unitID)
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await StatisticsReportStore.appealFigures(filter, paging: paging, on: connection)
        }
    }

    /// `GET /statistics/appeals/{month}/csv?unit=&region=&category=&kind=`: 诉求办理统计表, the same rows for
    /// Excel, every unit (not one page), then a 合计 row; the same readers and filters as the JSON.
    func appealFiguresCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        var filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        filter.unitID = try StatisticsAccess.unitScope(context, requested: filter.unitID)
        let rows = try await pool.withConnection { connection in
            try await StatisticsReportStore.appealFigures(filter, paging: StatisticsReportStore.wholeTable, on: connection)
        }
        return SpreadsheetCSV.response(AppealStatisticsCSV.table(rows.items, month: filter.month), filename: "appeals-\(filter.month).csv")
    }

    /// `GET /statistics/appeals/{month}/items?measure=concludedLate&unit=…`: the items behind a figure.
    func appealItems(_ request: Request, context: AppRequestContext) async throws -> Page<StatisticsCaseItem> {
        var filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        filter.unitID = try StatisticsAccess.unitScope(context, requested: filter.unitID)
        let measure = try StatisticsQuery.measure(request)
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await StatisticsReportStore.items(measure, filter, paging: paging, on: connection)
        }
    }

    /// `GET /statistics/appeals/{month}/items/csv?measure=…&unit=…`: 诉求办理明细, the items behind a figure
    /// for Excel, oldest first: all of them up to `StatisticsReportStore.csvRowCap` (50,000; a figure with
    /// more lists its oldest 50,000). The same readers and filters as the JSON.
    func appealItemsCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        var filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        filter.unitID = try StatisticsAccess.unitScope(context, requested: filter.unitID)
        let measure = try StatisticsQuery.measure(request)
        let items = try await pool.withConnection { connection in
            try await StatisticsReportStore.items(measure, filter, paging: StatisticsReportStore.wholeTable, on: connection)
        }
        return SpreadsheetCSV.response(AppealStatisticsCSV.items(items.items), filename: "appeals-\(filter.month)-\(measure.rawValue).csv")
    }

    /// `GET /statistics/policies/{month}?unit=`: publications per issuing unit, share within 24 hours.
    func policyFigures(_ request: Request, context: AppRequestContext) async throws -> Page<PolicyUnitFigures> {
        let filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        let unit = try StatisticsAccess.unitScope(context, requested: filter.unitID)
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await StatisticsReportStore.policyFigures(month: filter.month, unitID: unit, paging: paging, on: connection)
        }
    }

    /// `GET /statistics/redemption/{month}?unit=`: 政策兑现 applications per implementing unit.
    func redemptionFigures(_ request: Request, context: AppRequestContext) async throws -> Page<RedemptionUnitFigures> {
        let filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        let unit = try StatisticsAccess.unitScope(context, requested: filter.unitID)
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await RedemptionStatisticsStore.figures(month: filter.month, unitID: unit, paging: paging, on: connection)
        }
    }

    /// `GET /statistics/filings/{month}?region=`: the month's filings per county and industry section.
    /// Statisticians of either bureau, inspectors and platform admins; a county's statistician only
    /// their county (another county is a 403).
    func filingFigures(_ request: Request, context: AppRequestContext) async throws -> Page<FilingGroupFigures> {
        let claims = try context.requireOfficial(.statistician, .inspector, .platformAdmin)
        let filter = try StatisticsQuery(request, month: context.parameters.get("month"))
        var county = filter.region
        if claims.isOfficial(.statistician), !claims.isOfficial(.inspector, .platformAdmin), let own = FilingAccess(claims: claims).county {
            if let county, county != own { throw APIError.forbidden }
            county = own
        }
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await FilingStatisticsStore.figures(period: filter.month, county: county, paging: paging, on: connection)
        }
    }

    /// `GET /statistics/liaison/{quarter}?unit=`: one row per liaison official (Shiyan's assessment):
    /// enterprises now, contact gaps, ratings and role averages, briefings of the quarter.
    func liaisonFigures(_ request: Request, context: AppRequestContext) async throws -> Page<LiaisonOfficialFigures> {
        let quarter = try StatisticsQuarter.parse(context.parameters.get("quarter"))
        let unit = try StatisticsAccess.unitScope(context, requested: try StatisticsQuery.unit(request))
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await LiaisonStatisticsStore.officials(quarter, unitID: unit, paging: paging, on: connection)
        }
    }

    /// `GET /statistics/briefings/{quarter}?unit=`: officials' briefings per unit (submitted,
    /// published, returned in the quarter).
    func briefingFigures(_ request: Request, context: AppRequestContext) async throws -> Page<BriefingUnitFigures> {
        let quarter = try StatisticsQuarter.parse(context.parameters.get("quarter"))
        let unit = try StatisticsAccess.unitScope(context, requested: try StatisticsQuery.unit(request))
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            try await LiaisonStatisticsStore.briefingUnits(quarter, unitID: unit, paging: paging, on: connection)
        }
    }

    /// `POST /statistics/rebuild` (platform admins): folds the per-case facts again from the kept
    /// case events; audited.
    func rebuild(_ request: Request, context: AppRequestContext) async throws -> StatisticsRebuild {
        let admin = try context.requireOfficial(.platformAdmin)
        return try await pool.withTransaction { connection in
            let cases = try await StatisticsStore.rebuild(on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "rebuilt", subjectKind: "statistics", subjectID: "cases", by: admin, acting: [.platformAdmin],
                    detail: ["cases": .string("\(cases)")]),
                on: connection)
            return StatisticsRebuild(cases: cases)
        }
    }
}
