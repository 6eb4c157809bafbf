import Foundation
import Postgres
import ServiceKit

extension RedemptionItemStore {
    /// Items matching `filter`, newest (or oldest) publication first; drafts by newest change. The
    /// public list leaves out the items of a withdrawn policy.
    static func list(_ filter: RedemptionItemFilter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        var query: PostgresQuery = "SELECT "
        query.appendUnescaped(table.columns)
        query.appendUnescaped(", coalesce(published_at, updated_at) AS shown_at FROM redemption_items")
        query.append(" WHERE status = \(filter.status.rawValue)")
        if filter.status == .published {
            // The public list shows only items whose policy is still published (as interpretations).
            query.appendUnescaped(" AND EXISTS (SELECT 1 FROM policies p WHERE p.policy_id = redemption_items.policy_id AND p.status = 'published')")
        }
        if let unitID = filter.staffUnitID { query.append(" AND unit_id = \(unitID)") }
        if let kind = filter.applicantKind { query.append(" AND applicant_kind = \(kind.rawValue)") }
        if let region = filter.region { query.append(" AND region = \(region)") }
        if let unitID = filter.unitID { query.append(" AND unit_id = \(unitID)") }
        if let policyID = filter.policyID { query.append(" AND policy_id = \(policyID)") }
        if let policyType = filter.policyType { query.append(" AND \(policyType) = ANY(policy_types)") }
        if !filter.terms.isEmpty { query.append(" AND lower(title || ' ' || project) LIKE ALL(\(filter.likePatterns))") }
        switch filter.openNow {
        case true?: query.append(" AND window_from <= \(filter.today)::date AND window_to >= \(filter.today)::date")
        case false?: query.append(" AND NOT (window_from <= \(filter.today)::date AND window_to >= \(filter.today)::date)")
        case nil: break
        }
        let order = filter.sort == .publishedAsc ? "shown_at ASC, item_id" : "shown_at DESC, item_id"
        return try await connection.page(query, orderBy: order, paging: paging, record)
    }

    /// A policy's published items, newest first (its detail lists them: 我要兑现).
    static func published(of policyID: UUID, on connection: PostgresConnection) async throws -> [Record] {
        try await connection.query(
            """
            SELECT \(unescaped: table.columns) FROM redemption_items
            WHERE policy_id = \(policyID) AND status = 'published' ORDER BY published_at DESC, item_id LIMIT 100
            """
        ).map(record)
    }
}
