import Contracts
import Foundation
import Postgres
import ServiceKit

/// The library's reads: the public list and catalogue, versions, history and the units' drafts.
extension PolicyStore {
    /// Published policies matching `filter`: the keyword's grams and the filters' keys in one GIN
    /// lookup (`search_keys @>`), the keyword confirmed by LIKE on the title; titles holding the whole
    /// phrase first, then the chosen sort.
    static func list(_ filter: PolicyFilter, paging: Paging, on connection: PostgresConnection) async throws -> Page<PolicyListItem> {
        // A filtered list's matches come from the search index: counting them in the page query saves
        // a second pass; the whole library's first pages read the issue-time index alone.
        let counted = filter.narrows
        let total = counted ? ", count(*) OVER () AS page_total" : ""
        guard filter.terms.count > 1 else {
            return try await connection.page(
                filtered(filter, columns: "\(unescaped: PolicyListItem.columns + total)"), orderBy: filter.sort.sql, paging: paging,
                totalInRows: counted, PolicyListItem.init(row:))
        }
        let query = rankedQuery(filter)
        let order = "exact DESC, " + filter.sort.sql.replacingOccurrences(of: "p.", with: "")
        return try await connection.page(query, orderBy: order, paging: paging, totalInRows: true, PolicyListItem.init(row:))
    }

    private static func rankedQuery(_ filter: PolicyFilter) -> PostgresQuery {
        var query: PostgresQuery = "SELECT *, count(*) OVER () AS page_total FROM ("
        query.append(
            filtered(filter, columns: "\(unescaped: PolicyListItem.columns), strpos(lower(p.title), lower(\(filter.phrase))) > 0 AS exact"))
        query.appendUnescaped(") p")
        return query
    }

    /// The published catalogue in issue order (newest first), every row.
    static func catalogue(on connection: PostgresConnection) async throws -> [PolicyListItem] {
        var query = filtered(PolicyFilter(), columns: "\(unescaped: PolicyListItem.columns)")
        query.appendUnescaped(" ORDER BY p.issued_at DESC, p.policy_id")
        return try await connection.query(query).map(PolicyListItem.init(row:))
    }

    private static func filtered(_ filter: PolicyFilter, columns: PostgresQuery) -> PostgresQuery {
        var query: PostgresQuery = "SELECT "
        query.append(columns)
        query.appendUnescaped(" FROM policies p LEFT JOIN units u ON u.unit_id = p.agency_id WHERE p.status = 'published'")
        let keys = filter.keywordGrams + TitleGrams.facets(
            region: filter.region, agencyID: filter.agencyID, policyType: filter.policyType, subsidyType: filter.subsidyType,
            tags: filter.tag.map { [$0] } ?? [])
        if !keys.isEmpty { query.append(" AND p.search_keys @> \(keys)") }
        if let from = filter.issuedFrom { query.append(" AND p.issued_at >= \(from)") }
        if let before = filter.issuedBefore { query.append(" AND p.issued_at < \(before)") }
        if !filter.terms.isEmpty { query.append(" AND lower(p.title) LIKE ALL(\(filter.likePatterns))") }
        return query
    }

    /// Every published version, oldest first.
    static func versions(_ id: UUID, on connection: PostgresConnection) async throws -> [PolicyView.Version] {
        try await connection.query(
            "SELECT version, content, published_at FROM policy_versions WHERE policy_id = \(id) ORDER BY version"
        ).map { row in
            PolicyView.Version(
                version: try row.decode("version"), publishedAt: try row.decode("published_at"),
                content: try row.decode("content", as: PostgresJSON.self).decode(PolicyContent.self, decoder: EventJSON.makeDecoder()))
        }
    }

    static func history(_ id: UUID, on connection: PostgresConnection) async throws -> [PolicyView.Step] {
        try await connection.query(
            "SELECT action, status, review_state, actor_id, actor_role, reason, at FROM policy_history WHERE policy_id = \(id) ORDER BY seq"
        ).map { row in
            PolicyView.Step(
                action: try row.decode("action"), status: try row.decode("status"), reviewState: try row.decode("review_state"),
                actorID: try row.decode("actor_id"), actorRole: try row.decode("actor_role"), reason: try row.decode("reason"),
                at: try row.decode("at"))
        }
    }

    /// A unit's policies with content under edit or review (optionally in one state), oldest change first.
    static func drafts(unit: UUID, state: ReviewState?, paging: Paging, on connection: PostgresConnection) async throws -> Page<PolicyView> {
        try await connection.page(
            """
            SELECT \(unescaped: PolicyRecord.columns) FROM policies p LEFT JOIN units u ON u.unit_id = p.agency_id
            WHERE p.agency_id = \(unit) AND p.review_state <> 'none' AND (\(state?.rawValue)::text IS NULL OR p.review_state = \(state?.rawValue))
            """, orderBy: "p.updated_at, p.policy_id", paging: paging
        ) { row in PolicyView(try PolicyRecord(row: row), staff: true) }
    }
}
