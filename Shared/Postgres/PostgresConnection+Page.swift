/// One count strategy for every paged list: the page's rows come from `query ORDER BY … LIMIT …
/// OFFSET …`; the total is known without counting when the page is the last one (it came back short
/// and non-empty, or it is the first page), or from the rows' `page_total` column when the query
/// selects `count(*) OVER () AS page_total` (one round trip where the matches are few and indexed),
/// and is otherwise `count(*)` over the same query.
extension PostgresConnection {
    /// `query` is a SELECT without ORDER BY or LIMIT; `orderBy` is trusted SQL (never input).
    /// `totalInRows`: the query selects `count(*) OVER () AS page_total`.
    public func page(
        _ query: PostgresQuery, orderBy: String, limit: Int, offset: Int, totalInRows: Bool = false
    ) async throws -> (rows: PostgresRows, total: Int) {
        var paged = query
        paged.appendUnescaped(" ORDER BY \(orderBy) LIMIT \(max(0, limit)) OFFSET \(max(0, offset))")
        let rows = try await self.query(paged)
        if rows.count < limit, rows.count > 0 || offset == 0 {
            return (rows, offset + rows.count)
        }
        if totalInRows, let first = rows.first {
            return (rows, Int(try first.decode("page_total", as: Int64.self)))
        }
        var counted: PostgresQuery = "SELECT count(*)::bigint AS page_total FROM ("
        counted.append(query)
        counted.appendUnescaped(") AS page_source")
        let total = try await self.query(counted).first?.decode("page_total", as: Int64.self) ?? 0
        return (rows, Int(total))
    }
}

extension PostgresPool {
    /// `PostgresConnection.page` on a pooled connection.
    public func page(_ query: PostgresQuery, orderBy: String, limit: Int, offset: Int) async throws -> (rows: PostgresRows, total: Int) {
        try await withConnection { connection in
            try await connection.page(query, orderBy: orderBy, limit: limit, offset: offset)
        }
    }
}
