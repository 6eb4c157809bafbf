import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import WorkCalendar

/// The deadline schemes as data an admin keeps: each step's limit and how its days count (the
/// sources say "days" without saying which: a setting), a scheme's due-soon point and closure
/// approval, and which scheme a category follows in a city. A change times the steps items enter
/// from then on; clocks already running keep their due times. Every change is audited.
struct DeadlineSchemesController {
    let runtime: AppealsRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
    typealias Assignment = DeadlineSchemeStore.Assignment

    struct Step: Codable, Sendable, Equatable {
        var step: String
        var status: String
        var limitDays: Int?
        var counting: String
        var checkpoint: Bool
        var variant: String
    }

    struct Scheme: ResponseCodable, Equatable {
        var code: String
        var name: String
        var dueSoonFraction: Double
        var closureApproval: Bool
        var steps: [Step]
    }

    struct StepChange: Decodable {
        var limitDays: Int?
        var counting: String?
    }

    struct SchemeChange: Decodable {
        var dueSoonFraction: Double?
        var closureApproval: Bool?
    }

    struct AssignmentChange: Decodable { var scheme: String }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("deadline-schemes", use: schemes)
        router.put("deadline-schemes/:code", use: changeScheme)
        router.put("deadline-schemes/:code/steps/:step", use: changeStep)
        router.get("scheme-assignments", use: assignments)
        router.put("scheme-assignments/:category/:city", use: assign)
        router.get("city-schemes", use: cityDefaults)
        router.put("city-schemes/:city", use: setCityDefault)
    }

    func schemes(_ request: Request, context: AppRequestContext) async throws -> Page<Scheme> {
        let paging = try Paging(request)
        return try await dependencies.pool.withConnection { connection in
            let codes = try await DeadlineSchemeStore.codes(paging: paging, on: connection)
            var items: [Scheme] = []
            for code in codes.items {
                if let scheme = try await Self.load(code, on: connection) { items.append(scheme) }
            }
            return Page(items: items, page: codes.page, size: codes.size, total: codes.total)
        }
    }

    /// `PUT /deadline-schemes/{code}` (platform admins): the due-soon point and closure approval.
    func changeScheme(_ request: Request, context: AppRequestContext) async throws -> Scheme {
        let admin = try context.requireOfficial(.platformAdmin)
        let code = try context.pathText("code")
        let body = try await request.decodeBody(SchemeChange.self, context: context)
        guard body.dueSoonFraction != nil || body.closureApproval != nil else {
            throw APIError.invalid("dueSoonFraction", "dueSoonFraction or closureApproval is required")
        }
        if let fraction = body.dueSoonFraction, !(fraction > 0 && fraction < 1) {
            throw APIError.invalid("dueSoonFraction", "must be between 0 and 1 (exclusive)")
        }
        return try await dependencies.pool.withTransaction { connection in
            try await DeadlineSchemeStore.lockScheme(code, on: connection)
            guard let before = try await Self.load(code, on: connection) else { throw APIError.notFound("deadline scheme") }
            try await DeadlineSchemeStore.update(
                code, dueSoonFraction: body.dueSoonFraction, closureApproval: body.closureApproval, on: connection)
            guard let after = try await Self.load(code, on: connection) else { throw APIError.notFound("deadline scheme") }
            if after != before {
                try await AuditTrail.append(
                    try AuditEntry("updated", subject: .deadlineScheme, id: code, before: before, after: after, by: admin, acting: [.platformAdmin]),
                    on: connection)
            }
            return after
        }
    }

    /// `PUT /deadline-schemes/{code}/steps/{step}` (platform admins): a step's limit and counting.
    func changeStep(_ request: Request, context: AppRequestContext) async throws -> Scheme {
        let admin = try context.requireOfficial(.platformAdmin)
        let code = try context.pathText("code")
        let stepCode = try context.pathText("step")
        let body = try await request.decodeBody(StepChange.self, context: context)
        guard body.limitDays != nil || body.counting != nil else {
            throw APIError.invalid("limitDays", "limitDays or counting is required")
        }
        if let limit = body.limitDays, !(0...366).contains(limit) {
            throw APIError.invalid("limitDays", "must be a whole number from 0 to 366")
        }
        if let counting = body.counting, DayCounting(rawValue: counting) == nil {
            throw APIError.invalid("counting", "must be one of \(DayCounting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return try await dependencies.pool.withTransaction { connection in
            guard let variant = try await DeadlineSchemeStore.lockStep(stepCode, of: code, on: connection) else {
                throw APIError.notFound("deadline step")
            }
            if variant == .plan, body.limitDays != nil {
                throw APIError.invalid("limitDays", "a plan step takes its due time from the filed plan")
            }
            guard let before = try await Self.load(code, on: connection) else { throw APIError.notFound("deadline scheme") }
            try await DeadlineSchemeStore.updateStep(
                stepCode, of: code, limitDays: body.limitDays, counting: body.counting, on: connection)
            guard let after = try await Self.load(code, on: connection) else { throw APIError.notFound("deadline scheme") }
            let stepBefore = before.steps.first { $0.step == stepCode }
            let stepAfter = after.steps.first { $0.step == stepCode }
            if stepAfter != stepBefore {
                try await AuditTrail.append(
                    try AuditEntry(
                        "updated", subject: .deadlineStep, id: "\(code)/\(stepCode)", before: stepBefore, after: stepAfter,
                        by: admin, acting: [.platformAdmin]),
                    on: connection)
            }
            return after
        }
    }

    func assignments(_ request: Request, context: AppRequestContext) async throws -> Page<Assignment> {
        let paging = try Paging(request)
        return try await dependencies.pool.withConnection { connection in
            try await DeadlineSchemeStore.assignments(paging: paging, on: connection)
        }
    }

    /// `PUT /scheme-assignments/{category}/{city}` (platform admins): the scheme a category follows
    /// in a city (first four digits of the region code, or `*` for anywhere without its own).
    func assign(_ request: Request, context: AppRequestContext) async throws -> Assignment {
        let admin = try context.requireOfficial(.platformAdmin)
        let category = try context.pathText("category")
        let city = try context.pathText("city")
        guard city == "*" || city.range(of: #"^[0-9]{4}$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("city", "must be the first four digits of a region code, or *")
        }
        let scheme = try await request.decodeBody(AssignmentChange.self, context: context).scheme
        return try await dependencies.pool.withTransaction { connection in
            guard try await CategoryStore.exists(category, on: connection) else { throw APIError.notFound("category") }
            guard !scheme.unicodeScalars.contains("\u{0}"), try await DeadlineSchemeStore.exists(scheme, on: connection) else {
                throw APIError.unknown("scheme", "is not a deadline scheme")
            }
            let previous = try await DeadlineSchemeStore.lockAssignment(category: category, city: city, on: connection)
            let after = Assignment(category: category, city: city, scheme: scheme)
            guard previous != scheme else { return after }
            try await DeadlineSchemeStore.assign(after, on: connection)
            try await AuditTrail.append(
                try AuditEntry(
                    previous == nil ? "created" : "updated", subject: .schemeAssignment, id: "\(category)/\(city)",
                    before: previous.map { Assignment(category: category, city: city, scheme: $0) }, after: after,
                    by: admin, acting: [.platformAdmin]),
                on: connection)
            return after
        }
    }

    func cityDefaults(_ request: Request, context: AppRequestContext) async throws -> Page<DeadlineSchemeStore.CityDefault> {
        let paging = try Paging(request)
        return try await dependencies.pool.withConnection { connection in
            try await DeadlineSchemeStore.cityDefaults(paging: paging, on: connection)
        }
    }

    /// `PUT /city-schemes/{city}` (platform admins): the scheme every category follows in a city
    /// (first four digits of the region code) unless a scheme assignment overrides it.
    func setCityDefault(_ request: Request, context: AppRequestContext) async throws -> DeadlineSchemeStore.CityDefault {
        let admin = try context.requireOfficial(.platformAdmin)
        let city = try context.pathText("city")
        guard city.range(of: #"^[0-9]{4}$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("city", "must be the first four digits of a region code")
        }
        let scheme = try await request.decodeBody(AssignmentChange.self, context: context).scheme
        return try await dependencies.pool.withTransaction { connection in
            guard !scheme.unicodeScalars.contains("\u{0}"), try await DeadlineSchemeStore.exists(scheme, on: connection) else {
                throw APIError.unknown("scheme", "is not a deadline scheme")
            }
            let previous = try await DeadlineSchemeStore.lockCityDefault(city, on: connection)
            let after = DeadlineSchemeStore.CityDefault(city: city, scheme: scheme)
            guard previous != scheme else { return after }
            try await DeadlineSchemeStore.setCityDefault(after, on: connection)
            try await AuditTrail.append(
                try AuditEntry(
                    previous == nil ? "created" : "updated", subject: .cityScheme, id: city,
                    before: previous.map { DeadlineSchemeStore.CityDefault(city: city, scheme: $0) }, after: after,
                    by: admin, acting: [.platformAdmin]),
                on: connection)
            return after
        }
    }

    static func load(_ code: String, on connection: PostgresConnection) async throws -> Scheme? {
        try await DeadlineSchemeStore.scheme(code, on: connection).map(Scheme.init)
    }
}

extension DeadlineSchemesController.Scheme {
    init(_ scheme: DeadlineScheme) {
        self.init(
            code: scheme.code, name: scheme.name, dueSoonFraction: scheme.dueSoonFraction, closureApproval: scheme.closureApproval,
            steps: scheme.steps.map {
                .init(
                    step: $0.code, status: $0.status.rawValue, limitDays: $0.limitDays, counting: $0.counting.rawValue,
                    checkpoint: $0.checkpoint, variant: $0.variant.rawValue)
            })
    }
}
