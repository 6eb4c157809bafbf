import Foundation
import Postgres
import ServiceKit

extension InterpretationStore {
    /// Interpretations matching `filter`: the keyword's grams through the GIN index (`search_keys @>`,
    /// the policy list's technique: one- and two-character words too), confirmed by LIKE on the title.
    /// The public list shows only interpretations whose policy is published.
    static func list(_ filter: InterpretationFilter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        var query: PostgresQuery = "SELECT "
        query.appendUnescaped(columns)
        query.appendUnescaped(", coalesce(i.published_at, i.updated_at) AS shown_at FROM interpretations i JOIN policies p ON p.policy_id = i.policy_id")
        query.append(" WHERE i.status = \(filter.status.rawValue)")
        if filter.status == .published { query.appendUnescaped(" AND p.status = 'published'") }
        if let unitID = filter.unitID { query.append(" AND i.unit_id = \(unitID)") }
        if let region = filter.region { query.append(" AND p.region = \(region)") }
        if let policyID = filter.policyID { query.append(" AND i.policy_id = \(policyID)") }
        if let form = filter.form { query.append(" AND i.form = \(form.rawValue)") }
        if let from = filter.publishedFrom { query.append(" AND i.published_at >= \(from)") }
        if let before = filter.publishedBefore { query.append(" AND i.published_at < \(before)") }
        if !filter.terms.isEmpty {
            query.append(" AND i.search_keys @> \(filter.keywordGrams) AND lower(i.title) LIKE ALL(\(filter.likePatterns))")
        }
        let order = filter.sort == .publishedAsc ? "shown_at ASC, interpretation_id" : "shown_at DESC, interpretation_id"
        return try await connection.page(query, orderBy: order, paging: paging, record)
    }

    /// A policy's published interpretations, newest first (its detail lists them).
    static func published(of policyID: UUID, on connection: PostgresConnection) async throws -> [Record] {
        try await connection.query(
            """
            SELECT \(unescaped: columns) FROM interpretations i JOIN policies p ON p.policy_id = i.policy_id
            WHERE i.policy_id = \(policyID) AND i.status = 'published' ORDER BY i.published_at DESC, i.interpretation_id LIMIT 100
            """
        ).map(record)
    }
}
