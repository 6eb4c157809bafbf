import Foundation
import Postgres
import ServiceKit
import Validators

/// Every statement of 政策汇编 (`compilations`, `compilation_policies`).
enum CompilationStore {
    struct Summary: Codable, Sendable {
        var id: UUID
        var title: String
        var description: String?
        var unitID: UUID
        var policyCount: Int
        var publishedAt: Date
    }

    /// One policy of a compilation, as its public row shows it now (withdrawn ones say so).
    struct Entry: Codable, Sendable {
        var position: Int
        var policyID: UUID
        var title: String
        var documentNumber: String
        var agencyName: String?
        var region: String
        var issuedAt: Date
        var status: String
        var body: String
    }

    /// The ids among `ids` that are not published policies.
    static func unpublished(_ ids: [UUID], on connection: PostgresConnection) async throws -> Set<UUID> {
        let published = try await connection.query(
            "SELECT policy_id FROM policies WHERE policy_id = ANY(\(ids)::uuid[]) AND status = 'published'"
        ).map { try $0.decode("policy_id", as: UUID.self) }
        return Set(ids).subtracting(published)
    }

    static func insert(
        _ id: UUID, title: String, description: String?, policyIDs: [UUID], unitID: UUID, by reviewerID: UUID, at now: Date,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO compilations (compilation_id, title, description, unit_id, published_by, published_at)
            VALUES (\(id), \(title), \(description), \(unitID), \(reviewerID), \(now))
            """)
        try await connection.execute(
            """
            INSERT INTO compilation_policies (compilation_id, position, policy_id)
            SELECT \(id), p.position, p.policy_id FROM unnest(\(policyIDs)::uuid[]) WITH ORDINALITY AS p (policy_id, position)
            """)
    }

    static let summaryColumns = """
        c.compilation_id, c.title, c.description, c.unit_id, c.published_at,
        (SELECT count(*) FROM compilation_policies e WHERE e.compilation_id = c.compilation_id)::bigint AS policy_count
        """

    static func list(keyword: String?, paging: Paging, on connection: PostgresConnection) async throws -> Page<Summary> {
        let pattern = keyword.map(LikePattern.containing)
        return try await connection.page(
            "SELECT \(unescaped: summaryColumns) FROM compilations c WHERE (\(pattern)::text IS NULL OR c.title LIKE \(pattern))",
            orderBy: "published_at DESC, compilation_id", paging: paging, summary)
    }

    static func find(_ id: UUID, on connection: PostgresConnection) async throws -> Summary? {
        try await connection.query("SELECT \(unescaped: summaryColumns) FROM compilations c WHERE c.compilation_id = \(id)").first.map(summary)
    }

    static func entries(_ id: UUID, on connection: PostgresConnection) async throws -> [Entry] {
        try await connection.query(
            """
            SELECT e.position, p.policy_id, p.title, p.document_number, u.name AS agency_name, p.region, p.issued_at, p.status, p.body
            FROM compilation_policies e JOIN policies p USING (policy_id) LEFT JOIN units u ON u.unit_id = p.agency_id
            WHERE e.compilation_id = \(id) ORDER BY e.position
            """
        ).map { row in
            Entry(
                position: Int(try row.decode("position", as: Int64.self)), policyID: try row.decode("policy_id"), title: try row.decode("title"),
                documentNumber: try row.decode("document_number"), agencyName: try row.decode("agency_name"), region: try row.decode("region"),
                issuedAt: try row.decode("issued_at"), status: try row.decode("status"), body: try row.decode("body"))
        }
    }

    static func summary(_ row: PostgresRow) throws -> Summary {
        Summary(
            id: try row.decode("compilation_id"), title: try row.decode("title"), description: try row.decode("description"),
            unitID: try row.decode("unit_id"), policyCount: Int(try row.decode("policy_count", as: Int64.self)),
            publishedAt: try row.decode("published_at"))
    }
}
