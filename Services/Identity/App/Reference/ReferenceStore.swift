import Contracts
import Foundation
import Postgres

/// Every statement on the reference data seeded by migrations: regions, industries and units.
enum ReferenceStore {
    struct Region: Codable, Sendable {
        var code: String
        var name: String
        var kind: String
        var parentCode: String?
        /// False for the zones' local codes, which are not in GB/T 2260.
        var official: Bool
    }

    struct Industry: Codable, Sendable {
        var section: String
        var name: String
    }

    struct Unit: Codable, Sendable {
        var id: UUID
        var name: String
        var kind: String
        var parentID: UUID?
        var region: String
        var code: String?
    }

    static func regions(on pool: PostgresPool) async throws -> [Region] {
        try await pool.query("SELECT code, name, kind, parent_code, official FROM regions ORDER BY sort_order").map {
            Region(
                code: try $0.decode("code"), name: try $0.decode("name"), kind: try $0.decode("kind"),
                parentCode: try $0.decode("parent_code"), official: try $0.decode("official"))
        }
    }

    static func industries(on pool: PostgresPool) async throws -> [Industry] {
        try await pool.query("SELECT section, name FROM industries ORDER BY section").map {
            Industry(section: try $0.decode("section"), name: try $0.decode("name"))
        }
    }

    static func units(kind: String?, on pool: PostgresPool) async throws -> [Unit] {
        var query: PostgresQuery = "SELECT id, name, kind, parent_id, region, code FROM units WHERE true"
        if let kind { query.append(" AND kind = \(kind)") }
        query.appendUnescaped(" ORDER BY kind, code")
        return try await pool.query(query).map {
            Unit(
                id: try $0.decode("id"), name: try $0.decode("name"), kind: try $0.decode("kind"),
                parentID: try $0.decode("parent_id"), region: try $0.decode("region"), code: try $0.decode("code"))
        }
    }

    /// The units not yet published (parents first), marked published in the caller's transaction;
    /// serialized so that instances starting at once publish each unit once.
    static func claimUnpublishedUnits(on connection: PostgresConnection) async throws -> [UnitProfile] {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.unit_publication'))")
        let rows = try await connection.query(
            """
            SELECT id, name, kind, parent_id, region FROM units WHERE published_at IS NULL
            ORDER BY parent_id NULLS FIRST, created_at, id
            """)
        let units = try rows.compactMap { row -> UnitProfile? in
            guard let kind = UnitProfile.Kind(rawValue: try row.decode("kind", as: String.self)) else { return nil }
            return UnitProfile(
                unitID: try row.decode("id"), name: try row.decode("name"), kind: kind, parentID: try row.decode("parent_id"),
                region: try row.decode("region"))
        }
        try await connection.execute("UPDATE units SET published_at = now() WHERE published_at IS NULL")
        return units
    }
}
