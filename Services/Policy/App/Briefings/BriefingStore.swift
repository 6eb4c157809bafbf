import Contracts
import Foundation
import Postgres
import ServiceKit
import Validators

/// Every statement of 简报投稿 (`briefings`).
enum BriefingStore {
    enum Status: String, Codable, Sendable, CaseIterable {
        case submitted
        case returned
        case published
    }

    struct Record: Codable, Sendable {
        var facts: BriefingFacts
        var body: String
        var status: Status
        var returnReason: String?
        var submittedAt: Date
        var publishedAt: Date?
    }

    struct Filter: Sendable {
        var keyword: String?
        var status: Status?
        var submittedBy: UUID?
    }

    static let columns = """
        briefing_id, title, body, submitter_kind, submitted_by, unit_id, enterprise_id, status, return_reason, submitted_at, published_at
        """

    static func insert(_ facts: BriefingFacts, body: String, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO briefings (briefing_id, title, body, submitter_kind, submitted_by, unit_id, enterprise_id, status, submitted_at)
            VALUES (\(facts.id), \(facts.title), \(body), \(facts.submitterKind.rawValue), \(facts.submittedBy), \(facts.unitID),
                \(facts.enterpriseID), 'submitted', \(now))
            """)
    }

    static func publish(_ id: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE briefings SET status = 'published', reviewed_by = \(editorID), published_at = \(now) WHERE briefing_id = \(id)")
    }

    static func returnBriefing(_ id: UUID, reason: String, by editorID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE briefings SET status = 'returned', reviewed_by = \(editorID), return_reason = \(reason) WHERE briefing_id = \(id)")
    }

    static func find(_ id: UUID, forUpdate: Bool = false, on connection: PostgresConnection) async throws -> Record? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM briefings WHERE briefing_id = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")"
        ).first.map(record)
    }

    /// Newest publication (or submission) first.
    static func list(_ filter: Filter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        let pattern = filter.keyword.map(LikePattern.containing)
        return try await connection.page(
            """
            SELECT \(unescaped: columns), coalesce(published_at, submitted_at) AS shown_at FROM briefings
            WHERE (\(filter.status?.rawValue)::text IS NULL OR status = \(filter.status?.rawValue))
              AND (\(filter.submittedBy)::uuid IS NULL OR submitted_by = \(filter.submittedBy))
              AND (\(pattern)::text IS NULL OR title LIKE \(pattern))
            """,
            orderBy: "shown_at DESC, briefing_id", paging: paging, record)
    }

    static func record(_ row: PostgresRow) throws -> Record {
        Record(
            facts: BriefingFacts(
                id: try row.decode("briefing_id"), title: try row.decode("title"),
                submitterKind: BriefingFacts.SubmitterKind(rawValue: try row.decode("submitter_kind")) ?? .enterprise,
                submittedBy: try row.decode("submitted_by"), unitID: try row.decode("unit_id"), enterpriseID: try row.decode("enterprise_id")),
            body: try row.decode("body"), status: Status(rawValue: try row.decode("status")) ?? .submitted,
            returnReason: try row.decode("return_reason"), submittedAt: try row.decode("submitted_at"), publishedAt: try row.decode("published_at"))
    }
}
