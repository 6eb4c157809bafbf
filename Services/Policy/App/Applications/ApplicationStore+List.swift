import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Which applications a list shows: 我的兑现 (an enterprise's, or a person's own), a unit's queue,
/// or every one (inspectors); narrowed by status, item and processing past its limit.
struct ApplicationFilter: Sendable {
    enum Scope: Sendable {
        /// A person's own individual applications, and their enterprise's when they act for one.
        case person(UUID, enterprise: UUID?)
        case unit(UUID)
        case all
    }

    var scope: Scope
    var status: ApplicationRecord.Status?
    var itemID: UUID?
    var overdue: Bool?

    init(_ request: Request, principal: AccessClaims) throws {
        if principal.accountKind == .person {
            scope = .person(principal.accountID, enterprise: principal.membership?.enterpriseID)
        } else if principal.isOfficial(.inspector) {
            scope = .all
        } else if let unitID = principal.unitID, PolicyStaff(principal).belongs(to: unitID) {
            scope = .unit(unitID)
        } else {
            throw APIError.forbidden
        }
        status = try Validate.option(request, "status", as: ApplicationRecord.Status.self)
        itemID = try request.uri.queryParameters.get("itemID").map { try InterpretationInput.uuid($0, "itemID") }
        overdue = try Validate.flag(request, "overdue")
    }
}

extension ApplicationStore {
    /// Newest submission first.
    static func list(_ filter: ApplicationFilter, paging: Paging, on connection: PostgresConnection) async throws -> Page<ApplicationRecord> {
        var query: PostgresQuery = "SELECT "
        query.appendUnescaped(ApplicationRecord.columns)
        query.appendUnescaped(" FROM \(ApplicationRecord.source) WHERE true")
        switch filter.scope {
        case .person(let id, let enterprise):
            query.append(" AND ((a.applicant_id = \(id) AND a.enterprise_id IS NULL) OR a.enterprise_id = \(enterprise))")
        case .unit(let id): query.append(" AND a.unit_id = \(id)")
        case .all: break
        }
        if let status = filter.status { query.append(" AND a.status = \(status.rawValue)") }
        if let itemID = filter.itemID { query.append(" AND a.item_id = \(itemID)") }
        switch filter.overdue {
        case true?: query.append(" AND a.status = 'processing' AND a.due_at < now()")
        case false?: query.append(" AND NOT (a.status = 'processing' AND a.due_at < now())")
        case nil: break
        }
        return try await connection.page(query, orderBy: "a.submitted_at DESC, a.application_id", paging: paging) { try ApplicationRecord(row: $0) }
    }
}
