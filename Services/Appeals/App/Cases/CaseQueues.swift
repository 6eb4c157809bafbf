import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit
import Validators

/// The role-scoped queues with filters, keyword search on titles, sort by time and pagination.
struct CaseQueues {
    enum Queue: String, CaseIterable {
        /// Enterprise: its own items.
        case mine
        /// Liaison official: items waiting for their review.
        case review
        /// Dispatcher: items waiting for dispatch, those units handed back, and closures to approve.
        case dispatch, returned, closure
        /// Unit admin: to sign, in progress (lead or co-handler), replied.
        case sign, inProgress, replied
        /// Inspectors and platform admins: everything; dispatchers: everything in their scope.
        case all
        /// 已处理诉求: a liaison's items past their review, a unit's items it has replied to (lead or
        /// co-handler), closed ones included.
        case handled

        /// The queue a caller gets without asking for one: an enterprise its own items, inspectors,
        /// platform admins and dispatchers everything they may see, a liaison the items to review,
        /// a unit admin the items to sign.
        static func `default`(for principal: AccessClaims) -> Queue {
            if principal.membership != nil { return .mine }
            if CaseAccess(principal: principal).seesAll || principal.isOfficial(.dispatcher) { return .all }
            if principal.isOfficial(.liaison) { return .review }
            if principal.isOfficial(.unitAdmin) { return .sign }
            return .all
        }
    }

    struct Parameters {
        var queue: Queue
        var status: CaseStatus?
        var region: String?
        var unitID: UUID?
        var category: String?
        var overdue: Bool?
        var keyword: String?
        var ascending: Bool
        var paging: Paging

        init(_ query: [String: String], principal: AccessClaims) throws {
            guard let queue = Queue(rawValue: query["queue"] ?? Queue.default(for: principal).rawValue) else {
                throw APIError.invalid("queue", "must be one of \(Queue.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.queue = queue
            if let text = query["status"] {
                guard let status = CaseStatus(rawValue: text) else { throw APIError.invalid("status", "is not a status") }
                self.status = status
            }
            if let text = query["region"] { region = try Validate.region(text, "region") }
            if let text = query["unitID"] {
                guard let id = UUID(uuidString: text) else { throw APIError.invalid("unitID", "must be a UUID") }
                unitID = id
            }
            category = query["category"]
            if let text = query["overdue"] {
                guard let flag = Bool(text) else { throw APIError.invalid("overdue", "must be true or false") }
                overdue = flag
            }
            keyword = try Validate.optionalText(query["q"], "q", max: 100)
            switch query["sort"] ?? "time_desc" {
            case "time_desc": ascending = false
            case "time_asc": ascending = true
            default: throw APIError.invalid("sort", "must be time_asc or time_desc")
            }
            paging = try Paging(query)
        }
    }

    let pool: PostgresPool

    func list(_ kind: CaseKind, _ parameters: Parameters, principal: AccessClaims) async throws -> Page<CaseSummary> {
        try await pool.withConnection { connection in
            var filter: PostgresQuery = "WHERE c.kind = \(kind)"
            filter.append(try await scope(parameters.queue, principal: principal, on: connection))
            if let status = parameters.status { filter.append(" AND c.status = \(status)") }
            if let region = parameters.region { filter.append(" AND c.region = \(region)") }
            if let unitID = parameters.unitID { filter.append(" AND c.lead_unit_id = \(unitID)") }
            if let category = parameters.category { filter.append(" AND c.category = \(category)") }
            if let overdue = parameters.overdue {
                filter.append(
                    overdue
                        ? " AND c.status NOT IN ('closed', 'withdrawn') AND c.paused_at IS NULL AND c.due_at < now()"
                        : " AND NOT (c.status NOT IN ('closed', 'withdrawn') AND c.paused_at IS NULL AND coalesce(c.due_at < now(), false))")
            }
            if let keyword = parameters.keyword {
                filter.append(" AND c.title ILIKE \(LikePattern.containing(keyword))")
            }
            var select: PostgresQuery = """
                SELECT \(unescaped: CaseRecord.columns(alias: "c")), o.name AS liaison_name
                FROM cases c LEFT JOIN officials o ON o.official_id = c.liaison_official_id\(unescaped: " ")
                """
            select.append(filter)
            let now = Date()
            return try await connection.page(
                select, orderBy: "submitted_at \(parameters.ascending ? "ASC" : "DESC"), serial_number", paging: parameters.paging
            ) { row in
                CaseSummary(try CaseRecord(row: row), liaisonName: try row.decode("liaison_name"), now: now)
            }
        }
    }

    private func scope(_ queue: Queue, principal: AccessClaims, on connection: PostgresConnection) async throws -> PostgresQuery {
        let unitID = principal.unitID ?? UUID()
        switch queue {
        case .mine:
            guard let enterpriseID = principal.membership?.enterpriseID else { throw APIError.forbidden }
            return " AND c.enterprise_id = \(enterpriseID)"
        case .review:
            guard principal.isOfficial(.liaison) else { throw APIError.forbidden }
            return " AND c.status = 'reviewing' AND c.liaison_official_id = \(principal.accountID)"
        case .dispatch, .returned, .closure:
            guard principal.isOfficial(.dispatcher) else { throw APIError.forbidden }
            var filter: PostgresQuery
            switch queue {
            case .dispatch: filter = " AND c.status = 'dispatching'"
            case .returned: filter = " AND c.status = 'dispatching' AND c.returned_reason IS NOT NULL"
            default: filter = " AND c.status = 'awaitingClosure'"
            }
            filter.append(try await DispatchScope.of(principal, on: connection).filter)
            return filter
        case .sign:
            guard principal.isOfficial(.unitAdmin) else { throw APIError.forbidden }
            return " AND c.status = 'signing' AND c.lead_unit_id = \(unitID)"
        case .inProgress:
            guard principal.isOfficial(.unitAdmin) else { throw APIError.forbidden }
            return """
                 AND c.status IN ('inProgress', 'awaitingMaterial') AND (c.lead_unit_id = \(unitID)
                 OR EXISTS (SELECT 1 FROM case_co_handlers h WHERE h.case_id = c.id AND h.unit_id = \(unitID)))
                """
        case .replied:
            guard principal.isOfficial(.unitAdmin) else { throw APIError.forbidden }
            return " AND c.status = 'replied' AND c.lead_unit_id = \(unitID)"
        case .handled:
            if principal.isOfficial(.liaison) {
                return " AND c.liaison_official_id = \(principal.accountID) AND c.status NOT IN ('reviewing', 'withdrawn')"
            }
            guard principal.isOfficial(.unitAdmin) else { throw APIError.forbidden }
            return """
                 AND c.status IN ('replied', 'awaitingClosure', 'closed') AND (c.lead_unit_id = \(unitID)
                 OR EXISTS (SELECT 1 FROM case_co_handlers h WHERE h.case_id = c.id AND h.unit_id = \(unitID)))
                """
        case .all:
            if CaseAccess(principal: principal).seesAll { return "" }
            guard principal.isOfficial(.dispatcher) else { throw APIError.forbidden }
            return try await DispatchScope.of(principal, on: connection).filter
        }
    }
}

extension Request {
    /// The query string as a dictionary (the first value of a repeated name wins).
    var queryDictionary: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in uri.queryParameters where result[String(key)] == nil {
            result[String(key)] = String(value)
        }
        return result
    }
}
