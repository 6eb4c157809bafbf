import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The monthly performance review (绩效评估): units and regions ranked on a weighted score, lagging
/// ones named, repeat laggards marked 重点督查; and its rules (weights, thresholds) as data.
struct PerformanceController {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("statistics/performance/:month", use: review)
        router.get("statistics/performance/:month/csv", use: reviewCSV)
        router.get("statistics/performance/:month/html", use: reviewHTML)
        router.get("public/performance/units/:unit", use: publicPerformance)
        router.get("public/performance/units/:unit/html", use: publicPerformanceHTML)
        router.get("statistics/performance-rules", use: rules)
        router.put("statistics/performance-rules", use: changeCityRules)
        router.put("statistics/performance-rules/units/:unit", use: changeUnitWeights)
        router.delete("statistics/performance-rules/units/:unit", use: removeUnitWeights)
    }

    /// `GET /statistics/performance/{month}?by=unit|region&unit=`: the ranking, best first. A unit
    /// admin reads their own unit's row (ranked among all) and no regions.
    func review(_ request: Request, context: AppRequestContext) async throws -> Page<PerformanceRow> {
        let paging = try Paging(request)
        let (_, _, rows) = try await visibleRows(request, context)
        let items = Array(rows.dropFirst(paging.offset).prefix(paging.size))
        return Page(items: items, paging: paging, total: rows.count)
    }

    /// `GET /statistics/performance/{month}/csv?by=&unit=`: the same rows as CSV that opens in Excel
    /// (UTF-8 with a byte order mark, CRLF, every field quoted).
    func reviewCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (month, level, rows) = try await visibleRows(request, context)
        let indicators = try await pool.withConnection { try await PerformanceRulesStore.rules(for: nil, on: $0) }.weights
        let text = PerformanceCSV.text(rows, level: level, indicators: indicators)
        return SpreadsheetCSV.response(text, filename: "performance-\(month.description)-\(level.rawValue).csv")
    }

    /// The request's month, level and the rows its caller may read (all of them, unpaged).
    func visibleRows(_ request: Request, _ context: AppRequestContext) async throws -> (FilingPeriod, PerformanceStore.Level, [PerformanceRow]) {
        let month = try FilingPeriod.parse(context.parameters.get("month"), field: "month")
        let query = request.uri.queryParameters
        let level: PerformanceStore.Level
        switch query.get("by") {
        case nil: level = .unit
        case let text?:
            guard let chosen = PerformanceStore.Level(rawValue: text) else { throw APIError.invalid("by", "must be unit or region") }
            level = chosen
        }
        var requested: UUID?
        if let text = query.get("unit") {
            guard let id = UUID(uuidString: text) else { throw APIError.invalid("unit", "must be a unit id (UUID)") }
            requested = id
        }
        let scope = try StatisticsAccess.unitScope(context, requested: requested)
        if level == .region {
            _ = try context.requireOfficial(anyOf: StatisticsAccess.cityWide)
        }
        let rows = try await Self.ranking(month: month, level: level, pool: pool)
        return (month, level, rows.filter { scope == nil || $0.unitID == scope })
    }

    /// The whole ranking of a month (shared by the JSON, CSV and HTML forms).
    static func ranking(month: FilingPeriod, level: PerformanceStore.Level, pool: PostgresPool) async throws -> [PerformanceRow] {
        try await rankings(month: month, level: level, pool: pool)[month.description] ?? []
    }

    /// The rankings of the month and the 11 before it, by month, from one read of the counts.
    static func rankings(month: FilingPeriod, level: PerformanceStore.Level, pool: PostgresPool) async throws -> [String: [PerformanceRow]] {
        let months = PerformanceReview.months(ending: month)
        return try await pool.withConnection { connection in
            let counts = try await PerformanceStore.counts(level, from: months[0], to: month.description, on: connection)
            let city = try await PerformanceRulesStore.rules(for: nil, on: connection)
            var own: [String: PerformanceRules] = [:]
            if level == .unit {
                for unit in try await PerformanceRulesStore.unitsWithOwnWeights(on: connection) {
                    own[unit.uuidString.lowercased()] = try await PerformanceRulesStore.rules(for: unit, on: connection)
                }
            }
            var rankings: [String: [PerformanceRow]] = [:]
            for past in months {
                let upTo = counts.filter { $0.month <= past }
                rankings[past] = PerformanceReview.rank(month: past, level: level, counts: upTo) { own[$0.lowercased()] ?? city }
            }
            return rankings
        }
    }

    /// `GET /statistics/performance/{month}/html?unit=`: the printable page: the city's (ranking bars,
    /// score trends, on-time rates by region, the table) or, with `unit` or for a unit admin, the
    /// unit's (its score and indicators over the months).
    func reviewHTML(_ request: Request, context: AppRequestContext) async throws -> Response {
        let month = try FilingPeriod.parse(context.parameters.get("month"), field: "month")
        var requested: UUID?
        if let text = request.uri.queryParameters.get("unit") {
            guard let id = UUID(uuidString: text) else { throw APIError.invalid("unit", "must be a unit id (UUID)") }
            requested = id
        }
        let scope = try StatisticsAccess.unitScope(context, requested: requested)
        let months = PerformanceReview.months(ending: month)
        let history = try await Self.rankings(month: month, level: .unit, pool: pool)
        let html: String
        if let scope {
            let rules = try await pool.withConnection { try await PerformanceRulesStore.rules(for: scope, on: $0) }
            html = PerformancePage.unit(month: month.description, unitID: scope, history: history, months: months, rules: rules)
        } else {
            let regions = try await Self.ranking(month: month, level: .region, pool: pool)
            let rules = try await pool.withConnection { try await PerformanceRulesStore.rules(for: nil, on: $0) }
            html = PerformancePage.city(
                month: month.description, rows: history[month.description] ?? [], history: history, months: months, regions: regions,
                rules: rules)
        }
        return Self.page(html)
    }

    /// `GET /public/performance/units/{unit}?month=`: a unit's public figures for the 12 months up to
    /// `month` (default: the current Beijing month); guests too. 404 for a unit the statistics do not know.
    func publicPerformance(_ request: Request, context: AppRequestContext) async throws -> PublicUnitPerformance {
        try await publicFigures(request, context)
    }

    /// `GET /public/performance/units/{unit}/html?month=`: the same as a printable page with charts.
    func publicPerformanceHTML(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.page(PerformancePage.publicUnit(try await publicFigures(request, context)))
    }

    func publicFigures(_ request: Request, _ context: AppRequestContext) async throws -> PublicUnitPerformance {
        let unit = try context.pathID("unit")
        let month: FilingPeriod
        if let text = request.uri.queryParameters.get("month") {
            month = try FilingPeriod.parse(text, field: "month")
        } else {
            month = try FilingPeriod.parse(BeijingMonth.of(Date()), field: "month")
        }
        let months = PerformanceReview.months(ending: month)
        let figures = try await pool.withConnection {
            try await PerformanceStore.publicFigures(unit: unit, from: months[0], to: month.description, on: $0)
        }
        guard let figures else { throw APIError.notFound("unit") }
        return figures
    }

    static func page(_ html: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// `GET /statistics/performance-rules?unit=`: the city's rules, or those applied to a unit.
    func rules(_ request: Request, context: AppRequestContext) async throws -> PerformanceRules {
        var requested: UUID?
        if let text = request.uri.queryParameters.get("unit") {
            guard let id = UUID(uuidString: text) else { throw APIError.invalid("unit", "must be a unit id (UUID)") }
            requested = id
        }
        let claims = try context.requireOfficial(anyOf: StatisticsAccess.cityWide + [.unitAdmin])
        let scope = try StatisticsAccess.unitScope(context, requested: requested)
        let unit = StatisticsAccess.cityWide.contains(where: { claims.hasRole($0.rawValue) }) ? requested : scope
        return try await pool.withConnection { try await PerformanceRulesStore.rules(for: unit, on: $0) }
    }

    /// `PUT /statistics/performance-rules` (platform admins): the city's weights and thresholds; audited.
    func changeCityRules(_ request: Request, context: AppRequestContext) async throws -> PerformanceRules {
        let admin = try context.requireOfficial(.platformAdmin)
        let change = try await request.decodeBody(PerformanceRulesChange.self, context: context)
        let weights = try change.checkedWeights()
        let thresholds = try change.checkedThresholds()
        let now = Date()
        return try await pool.withTransaction { connection in
            try await PerformanceRulesStore.lock(on: connection)
            try await PerformanceRulesStore.setWeights(weights, unitID: nil, by: admin.accountID, at: now, on: connection)
            try await PerformanceRulesStore.setThresholds(
                laggingBelow: thresholds.laggingBelow, consecutiveMonths: thresholds.consecutiveMonths, by: admin.accountID, at: now,
                on: connection)
            let rules = try await PerformanceRulesStore.rules(for: nil, on: connection)
            try await Self.audit("updated", "city", rules, by: admin, acting: .platformAdmin, at: now, on: connection)
            return rules
        }
    }

    /// `PUT /statistics/performance-rules/units/{unit}`: a unit's own weights (its unit admin, or a
    /// platform admin for any unit); audited. The thresholds stay the city's.
    func changeUnitWeights(_ request: Request, context: AppRequestContext) async throws -> PerformanceRules {
        let (claims, unit, role) = try Self.unitEditor(context)
        let change = try await request.decodeBody(PerformanceRulesChange.self, context: context)
        let weights = try change.checkedWeights()
        let now = Date()
        return try await pool.withTransaction { connection in
            try await PerformanceRulesStore.lock(on: connection)
            try await PerformanceRulesStore.setWeights(weights, unitID: unit, by: claims.accountID, at: now, on: connection)
            let rules = try await PerformanceRulesStore.rules(for: unit, on: connection)
            try await Self.audit("updated", unit.uuidString.lowercased(), rules, by: claims, acting: role, at: now, on: connection)
            return rules
        }
    }

    /// `DELETE /statistics/performance-rules/units/{unit}`: the unit goes back to the city's weights
    /// (404 when it had none of its own); audited. Answers the rules now applied to it.
    func removeUnitWeights(_ request: Request, context: AppRequestContext) async throws -> PerformanceRules {
        let (claims, unit, role) = try Self.unitEditor(context)
        let now = Date()
        return try await pool.withTransaction { connection in
            try await PerformanceRulesStore.lock(on: connection)
            guard try await PerformanceRulesStore.removeWeights(unitID: unit, on: connection) > 0 else {
                throw APIError.notFound("unit weights")
            }
            let rules = try await PerformanceRulesStore.rules(for: unit, on: connection)
            try await Self.audit("removed", unit.uuidString.lowercased(), rules, by: claims, acting: role, at: now, on: connection)
            return rules
        }
    }

    /// Who may set a unit's weights: a platform admin any unit's, a unit admin their own.
    static func unitEditor(_ context: AppRequestContext) throws -> (AccessClaims, UUID, OfficialRole) {
        let unit = try context.pathID("unit")
        let claims = try context.requireOfficial(anyOf: [.platformAdmin, .unitAdmin])
        if claims.hasRole(OfficialRole.platformAdmin.rawValue) { return (claims, unit, .platformAdmin) }
        guard claims.unitID == unit else { throw APIError.forbidden }
        return (claims, unit, .unitAdmin)
    }

    static func audit(
        _ action: String, _ subject: String, _ rules: PerformanceRules, by claims: AccessClaims, acting role: OfficialRole, at time: Date,
        on connection: PostgresConnection
    ) async throws {
        var detail: [String: JSONValue] = [
            "laggingBelow": .string(rules.laggingBelow), "consecutiveMonths": .string(String(rules.consecutiveMonths)),
            "ownWeights": .bool(rules.ownWeights),
        ]
        for weight in rules.weights { detail["weight." + weight.indicator.rawValue] = .string(weight.weight) }
        try await AuditTrail.append(
            AuditEntry(action: action, subjectKind: "performanceRules", subjectID: subject, by: claims, acting: [role], detail: detail),
            at: time, on: connection)
    }
}
