import Contracts
import Foundation
import Postgres
import ServiceKit
import Validators

/// Every statement of the 公告栏 (`announcements`).
enum AnnouncementStore {
    struct Record: Codable, Sendable {
        var id: UUID
        var title: String
        var body: String
        var audience: AnnouncementPublished.Audience
        var unitID: UUID
        var status: ReviewRule.Status
        var draftedBy: UUID
        var returnReason: String?
        var updatedAt: Date
        var publishedAt: Date?
    }

    struct Filter: Sendable {
        var keyword: String?
        var status: ReviewRule.Status = .published
        /// Drafts only within this unit.
        var unitID: UUID?
        /// The audiences the reader may see (nil: every audience).
        var audiences: [String]?
    }

    static let columns = """
        announcement_id, title, body, audience, audience_region, audience_unit_id, unit_id, status, drafted_by, return_reason,
        updated_at, published_at
        """

    static func insert(_ draft: AnnouncementInput.Draft, id: UUID, unitID: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO announcements (announcement_id, title, body, audience, audience_region, audience_unit_id, unit_id, status, drafted_by,
                created_at, updated_at)
            VALUES (\(id), \(draft.title), \(draft.body), \(draft.audience.kind.rawValue), \(draft.audience.region), \(draft.audience.unitID),
                \(unitID), 'reviewing', \(editorID), \(now), \(now))
            """)
    }

    static func update(_ id: UUID, with draft: AnnouncementInput.Draft, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE announcements SET title = \(draft.title), body = \(draft.body), audience = \(draft.audience.kind.rawValue),
                audience_region = \(draft.audience.region), audience_unit_id = \(draft.audience.unitID), status = 'reviewing',
                drafted_by = \(editorID), return_reason = NULL, updated_at = \(now)
            WHERE announcement_id = \(id)
            """)
    }

    static func publish(_ id: UUID, by reviewerID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE announcements SET status = 'published', reviewed_by = \(reviewerID), published_at = \(now), updated_at = \(now)
            WHERE announcement_id = \(id)
            """)
    }

    static func returnDraft(_ id: UUID, reason: String, by reviewerID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE announcements SET status = 'returned', reviewed_by = \(reviewerID), return_reason = \(reason), updated_at = \(now)
            WHERE announcement_id = \(id)
            """)
    }

    static func find(_ id: UUID, forUpdate: Bool = false, on connection: PostgresConnection) async throws -> Record? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM announcements WHERE announcement_id = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")"
        ).first.map(record)
    }

    static func list(_ filter: Filter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        let pattern = filter.keyword.map(LikePattern.containing)
        return try await connection.page(
            """
            SELECT \(unescaped: columns), coalesce(published_at, updated_at) AS shown_at FROM announcements
            WHERE status = \(filter.status.rawValue) AND (\(filter.unitID)::uuid IS NULL OR unit_id = \(filter.unitID))
              AND (\(filter.audiences)::text[] IS NULL OR audience = ANY(\(filter.audiences)::text[]))
              AND (\(pattern)::text IS NULL OR title LIKE \(pattern))
            """,
            orderBy: "shown_at DESC, announcement_id", paging: paging, record)
    }

    static func record(_ row: PostgresRow) throws -> Record {
        Record(
            id: try row.decode("announcement_id"), title: try row.decode("title"), body: try row.decode("body"),
            audience: AnnouncementPublished.Audience(
                kind: AnnouncementPublished.Audience.Kind(rawValue: try row.decode("audience")) ?? .all,
                region: try row.decode("audience_region"), unitID: try row.decode("audience_unit_id")),
            unitID: try row.decode("unit_id"), status: ReviewRule.Status(rawValue: try row.decode("status")) ?? .reviewing,
            draftedBy: try row.decode("drafted_by"), returnReason: try row.decode("return_reason"),
            updatedAt: try row.decode("updated_at"), publishedAt: try row.decode("published_at"))
    }
}
