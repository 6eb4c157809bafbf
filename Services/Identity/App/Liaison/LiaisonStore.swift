import Foundation
import Postgres
import ServiceKit

/// Every statement on liaison assignments (history kept: ending one keeps its row).
enum LiaisonStore {
    struct Assignment: Codable, Sendable {
        var officialID: UUID
        var name: String
        var unitID: UUID?
        var assignedAt: Date
        var endedAt: Date?
    }

    static func isAssigned(_ officialID: UUID, to enterpriseID: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.query(
            """
            SELECT 1 FROM liaison_assignments WHERE official_id = \(officialID) AND enterprise_id = \(enterpriseID)
              AND ended_at IS NULL
            """).isEmpty
    }

    /// A 409 when the official already looks after the enterprise.
    static func insert(enterpriseID: UUID, officialID: UUID, by actor: UUID, on connection: PostgresConnection) async throws {
        do {
            try await connection.execute(
                """
                INSERT INTO liaison_assignments (id, enterprise_id, official_id, assigned_by)
                VALUES (\(UUID()), \(enterpriseID), \(officialID), \(actor))
                """)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError.conflict("cannot assign: this official already looks after this enterprise")
        }
    }

    /// Ends the current assignment; false when there was none.
    static func end(enterpriseID: UUID, officialID: UUID, by actor: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            """
            UPDATE liaison_assignments SET ended_at = now(), ended_by = \(actor)
            WHERE enterprise_id = \(enterpriseID) AND official_id = \(officialID) AND ended_at IS NULL
            """) > 0
    }

    /// The enterprise's liaison officials, newest first; ended ones too when `history`.
    static func assignments(
        of enterpriseID: UUID, history: Bool, paging: Paging, on connection: PostgresConnection
    ) async throws -> Page<Assignment> {
        var query: PostgresQuery = """
            SELECT l.official_id, a.real_name, a.unit_id, l.assigned_at, l.ended_at
            FROM liaison_assignments l JOIN accounts a ON a.id = l.official_id WHERE l.enterprise_id = \(enterpriseID)
            """
        if !history { query.appendUnescaped(" AND l.ended_at IS NULL") }
        return try await connection.page(query, orderBy: "l.assigned_at DESC", paging: paging) {
            Assignment(
                officialID: try $0.decode("official_id"), name: try $0.decode("real_name"), unitID: try $0.decode("unit_id"),
                assignedAt: try $0.decode("assigned_at"), endedAt: try $0.decode("ended_at"))
        }
    }
}
