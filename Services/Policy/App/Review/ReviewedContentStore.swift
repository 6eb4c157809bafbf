import Foundation
import Postgres
import ServiceKit
import Validators

/// The statements every reviewed-content table shares: its own columns beside `unit_id`, `title`,
/// `status`, `drafted_by`, `reviewed_by`, `return_reason`, `published_at` and `updated_at`.
enum ReviewedContentStore {
    /// A reviewed-content table, its key column and the columns its record reads (constants of the
    /// code, never input).
    struct Table: Sendable {
        var name: String
        var key: String
        var columns: String
    }

    /// What every list of reviewed content filters by: `published` for everyone, another status only
    /// within `unitID`; a title keyword.
    struct Scope: Sendable {
        var status: ReviewRule.Status = .published
        var unitID: UUID?
        var keyword: String?
    }

    /// The item, locked for a change when `forUpdate`.
    static func find<Record>(
        _ id: UUID, in table: Table, forUpdate: Bool, on connection: PostgresConnection, _ record: (PostgresRow) throws -> Record
    ) async throws -> Record? {
        try await connection.query(
            "SELECT \(unescaped: table.columns) FROM \(unescaped: table.name) WHERE \(unescaped: table.key) = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")"
        ).first.map(record)
    }

    /// Newest publication (or, for drafts, newest change) first, within `scope` and the kind's own
    /// `conditions` (a boolean SQL expression).
    static func list<Record>(
        in table: Table, _ scope: Scope, and conditions: PostgresQuery, paging: Paging, on connection: PostgresConnection,
        _ record: (PostgresRow) throws -> Record
    ) async throws -> Page<Record> {
        let pattern = scope.keyword.map(LikePattern.containing)
        var query: PostgresQuery = """
            SELECT \(unescaped: table.columns), coalesce(published_at, updated_at) AS shown_at FROM \(unescaped: table.name)
            WHERE status = \(scope.status.rawValue) AND (\(scope.unitID)::uuid IS NULL OR unit_id = \(scope.unitID))
              AND (\(pattern)::text IS NULL OR title LIKE \(pattern)) AND
            """
        query.append(conditions)
        return try await connection.page(query, orderBy: "shown_at DESC, \(table.key)", paging: paging, record)
    }

    static func publish(_ id: UUID, in table: Table, by reviewerID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE \(unescaped: table.name) SET status = 'published', reviewed_by = \(reviewerID), published_at = \(now), updated_at = \(now)
            WHERE \(unescaped: table.key) = \(id)
            """)
    }

    static func returnDraft(
        _ id: UUID, in table: Table, reason: String, by reviewerID: UUID, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            UPDATE \(unescaped: table.name) SET status = 'returned', reviewed_by = \(reviewerID), return_reason = \(reason), updated_at = \(now)
            WHERE \(unescaped: table.key) = \(id)
            """)
    }
}
