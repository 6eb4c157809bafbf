import Postgres

/// A query assembled piece by piece (filters appended with bound values).
struct PostgresQueryBuilder {
    var query: PostgresQuery
    init(_ sql: String) { query = PostgresQuery(sql) }
}
