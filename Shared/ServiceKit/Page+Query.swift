import Postgres

extension PostgresConnection {
    /// The `paging` page of `query` (a SELECT without ORDER BY or LIMIT), each row made an `Item`.
    public func page<Item>(
        _ query: PostgresQuery, orderBy: String, paging: Paging, totalInRows: Bool = false, _ item: (PostgresRow) throws -> Item
    ) async throws -> Page<Item> {
        let (rows, total) = try await page(query, orderBy: orderBy, limit: paging.size, offset: paging.offset, totalInRows: totalInRows)
        return Page(items: try rows.map(item), paging: paging, total: total)
    }
}

extension PostgresPool {
    /// `PostgresConnection.page(_:orderBy:paging:_:)` on a pooled connection.
    public func page<Item>(
        _ query: PostgresQuery, orderBy: String, paging: Paging, _ item: @Sendable (PostgresRow) throws -> Item
    ) async throws -> Page<Item> {
        try await withConnection { connection in
            try await connection.page(query, orderBy: orderBy, paging: paging, item)
        }
    }
}
