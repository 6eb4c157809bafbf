import Foundation
import Postgres
import ServiceKit

/// Every statement on liaison contact gaps: finding a month's gaps, and listing them.
enum ContactGapStore {
    struct Gap: Codable, Sendable {
        var enterpriseID: UUID
        var enterpriseName: String
        var officialID: UUID
        var officialName: String
        var month: String
    }

    /// Records the month's new gaps (once each): assignments that lasted the whole month
    /// (Asia/Shanghai) with no contact in it. Returns them as (enterprise, official).
    static func recordGaps(month: String, on connection: PostgresConnection) async throws -> [(enterpriseID: UUID, officialID: UUID)] {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('identity.contact_gaps'))")
        return try await connection.query(
            """
            WITH bounds AS (
                SELECT to_date(\(month), 'YYYY-MM') AS first_day,
                       (to_date(\(month), 'YYYY-MM') + interval '1 month')::date AS next_first)
            INSERT INTO liaison_contact_gaps (enterprise_id, official_id, month)
            SELECT l.enterprise_id, l.official_id, \(month) FROM liaison_assignments l, bounds b
            WHERE (l.assigned_at AT TIME ZONE 'Asia/Shanghai')::date <= b.first_day
              AND (l.ended_at IS NULL OR (l.ended_at AT TIME ZONE 'Asia/Shanghai')::date >= b.next_first)
              AND NOT EXISTS (
                SELECT 1 FROM liaison_contacts c WHERE c.official_id = l.official_id AND c.enterprise_id = l.enterprise_id
                  AND c.contact_date >= b.first_day AND c.contact_date < b.next_first)
            ON CONFLICT DO NOTHING
            RETURNING enterprise_id, official_id
            """).map { (try $0.decode("enterprise_id", as: UUID.self), try $0.decode("official_id", as: UUID.self)) }
    }

    /// Newest month first; only `month`, and only `officialID`'s, when given.
    static func gaps(month: String?, officialID: UUID?, paging: Paging, on connection: PostgresConnection) async throws -> Page<Gap> {
        var query: PostgresQuery = """
            SELECT g.enterprise_id, e.name AS enterprise_name, g.official_id, a.real_name, g.month
            FROM liaison_contact_gaps g JOIN enterprises e ON e.id = g.enterprise_id JOIN accounts a ON a.id = g.official_id
            WHERE true
            """
        if let month { query.append(" AND g.month = \(month)") }
        if let officialID { query.append(" AND g.official_id = \(officialID)") }
        return try await connection.page(query, orderBy: "g.month DESC, a.real_name", paging: paging) {
            Gap(
                enterpriseID: try $0.decode("enterprise_id"), enterpriseName: try $0.decode("enterprise_name"),
                officialID: try $0.decode("official_id"), officialName: try $0.decode("real_name"), month: try $0.decode("month"))
        }
    }
}
