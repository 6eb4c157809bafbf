import Foundation
import Postgres

/// The status history of reviewed content (`content_review_history`): every transition, who made
/// it and why.
enum ReviewHistoryStore {
    struct Entry: Codable, Sendable {
        var fromStatus: String?
        var toStatus: String
        var actorID: UUID
        var reason: String?
        var at: Date
    }

    static func append(
        kind: String, id: UUID, from: String?, to: String, by actorID: UUID, reason: String? = nil, at: Date,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO content_review_history (subject_kind, subject_id, from_status, to_status, actor_id, reason, at)
            VALUES (\(kind), \(id), \(from), \(to), \(actorID), \(reason), \(at))
            """)
    }

    static func entries(kind: String, id: UUID, on connection: PostgresConnection) async throws -> [Entry] {
        try await connection.query(
            """
            SELECT from_status, to_status, actor_id, reason, at FROM content_review_history
            WHERE subject_kind = \(kind) AND subject_id = \(id) ORDER BY seq
            """
        ).map { row in
            Entry(
                fromStatus: try row.decode("from_status"), toStatus: try row.decode("to_status"), actorID: try row.decode("actor_id"),
                reason: try row.decode("reason"), at: try row.decode("at"))
        }
    }
}
