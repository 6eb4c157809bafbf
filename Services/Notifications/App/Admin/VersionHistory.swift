import Foundation
import Postgres
import ServiceKit

/// The saved versions of one rule or template, newest first. Both history tables share this shape:
/// a key column, `version`, `changed_at`, `changed_by` and their own content columns.
enum VersionHistory {
    /// nil when `key` has no versions at all (the rule or template does not exist).
    /// `table` and `keyColumn` are trusted names, never input.
    static func page<Entry>(
        _ table: String, keyColumn: String, key: String, paging: Paging, on connection: PostgresConnection,
        _ entry: (PostgresRow) throws -> Entry
    ) async throws -> Page<Entry>? {
        let query: PostgresQuery = "SELECT * FROM \(identifier: table) WHERE \(identifier: keyColumn) = \(key)"
        let page = try await connection.page(query, orderBy: "version DESC", paging: paging, entry)
        return page.total == 0 ? nil : page
    }
}
