import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Every statement of the reporting list: `reporting_enterprises` and its history.
enum ReportingEnterpriseStore {
    static let columns = """
        SELECT r.id, r.serial_no, r.region, g.name AS region_name, r.name, r.uscc, r.industry_code, r.industry_label, r.active
        FROM reporting_enterprises r JOIN regions g ON g.code = r.region
        """

    /// The active list, filtered by county and by industry (a code: its class or everything under it).
    static func list(region: String?, industry: String?, paging: Paging, on connection: PostgresConnection) async throws -> Page<ReportingEnterprise> {
        let prefix = industry.map { $0 + "%" }
        return try await connection.page(
            """
            \(unescaped: columns)
            WHERE r.active AND (\(region)::text IS NULL OR r.region = \(region))
              AND (\(prefix)::text IS NULL OR r.industry_code LIKE \(prefix))
            """, orderBy: "r.serial_no", paging: paging, item)
    }

    static func load(_ id: UUID, on connection: PostgresConnection) async throws -> ReportingEnterprise? {
        try await connection.query("\(unescaped: columns) WHERE r.id = \(id)").first.map(item)
    }

    static func lock(_ id: UUID, on connection: PostgresConnection) async throws -> ReportingEnterprise? {
        try await connection.query("\(unescaped: columns) WHERE r.id = \(id) FOR UPDATE OF r").first.map(item)
    }

    /// The active entry with this name or USCC, if any (an entry is listed once).
    static func activeDuplicate(name: String, uscc: String?, on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.query(
            """
            SELECT CASE WHEN name = \(name) THEN 'name' ELSE 'uscc' END AS field FROM reporting_enterprises
            WHERE active AND (name = \(name) OR (\(uscc)::text IS NOT NULL AND uscc = \(uscc))) LIMIT 1
            """)
        return try rows.first?.decode("field", as: String.self)
    }

    static func insert(_ fields: ReportingEnterpriseFields, id: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO reporting_enterprises (id, region, name, uscc, industry_code, industry_label, added_at)
            VALUES (\(id), \(fields.region.code), \(fields.name), \(fields.uscc), \(fields.industry.code), \(fields.industryLabel), \(time))
            """)
    }

    static func remove(_ id: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE reporting_enterprises SET active = false, removed_at = \(time) WHERE id = \(id)")
    }

    static func record(_ id: UUID, action: String, reason: String, by official: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO reporting_enterprise_history (reporting_enterprise_id, action, reason, by_official, at)
            VALUES (\(id), \(action), \(reason), \(official), \(time))
            """)
    }

    static func history(of id: UUID, on connection: PostgresConnection) async throws -> [ReportingEnterpriseChange] {
        try await connection.query(
            "SELECT action, reason, by_official, at FROM reporting_enterprise_history WHERE reporting_enterprise_id = \(id) ORDER BY seq"
        ).map { row in
            ReportingEnterpriseChange(action: try row.decode("action"), reason: try row.decode("reason"), by: try row.decode("by_official"), at: try row.decode("at"))
        }
    }

    /// The active entry an identity enterprise files as: by its USCC, else (entries listed without one) by its name.
    static func entry(forUSCC uscc: String, name: String, on connection: PostgresConnection) async throws -> ReportingEnterprise? {
        try await connection.query(
            """
            \(unescaped: columns)
            WHERE r.active AND (r.uscc = \(uscc) OR (r.uscc IS NULL AND r.name = \(name)))
            ORDER BY (r.uscc IS NOT NULL) DESC LIMIT 1
            """
        ).first.map(item)
    }

    static func item(_ row: PostgresRow) throws -> ReportingEnterprise {
        ReportingEnterprise(
            id: try row.decode("id"), serialNo: try row.decode("serial_no"), region: try row.decode("region"),
            regionName: try row.decode("region_name"), name: try row.decode("name"), uscc: try row.decode("uscc"),
            industryCode: try row.decode("industry_code"), industry: try row.decode("industry_label"), active: try row.decode("active"))
    }
}
