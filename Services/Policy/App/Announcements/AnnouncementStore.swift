import Contracts
import Foundation
import Postgres
import ServiceKit
import Validators

/// Every statement of the 公告栏 (`announcements`).
enum AnnouncementStore: ReviewedContent {
    static let subjectKind = "announcement"
    static let noun = "announcement"
    static let table = ReviewedContentStore.Table(
        name: "announcements", key: "announcement_id",
        columns: """
            announcement_id, title, body, audience, audience_region, audience_unit_id, unit_id, status, drafted_by, return_reason,
            updated_at, published_at
            """)
    typealias Draft = AnnouncementInput.Draft

    struct Record: Codable, Sendable, ReviewedRecord {
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
        var scope = ReviewedContentStore.Scope()
        /// The audiences the reader may see (nil: every audience).
        var audiences: [String]?
    }

    static func insert(_ draft: AnnouncementInput.Draft, id: UUID, unitID: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO announcements (announcement_id, title, body, audience, audience_region, audience_unit_id, unit_id, status, drafted_by,
                created_at, updated_at)
            VALUES (\(id), \(draft.title), \(draft.body), \(draft.audience.kind.rawValue), \(draft.audience.region), \(draft.audience.unitID),
                \(unitID), 'reviewing', \(editorID), \(now), \(now))
            """)
    }

    static func title(of draft: AnnouncementInput.Draft) -> String { draft.title }

    static func update(_ id: UUID, with draft: AnnouncementInput.Draft, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE announcements SET title = \(draft.title), body = \(draft.body), audience = \(draft.audience.kind.rawValue),
                audience_region = \(draft.audience.region), audience_unit_id = \(draft.audience.unitID), status = 'reviewing',
                drafted_by = \(editorID), return_reason = NULL, updated_at = \(now)
            WHERE announcement_id = \(id)
            """)
    }

    static func list(_ filter: Filter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        try await ReviewedContentStore.list(
            in: table, filter.scope, and: "(\(filter.audiences)::text[] IS NULL OR audience = ANY(\(filter.audiences)::text[]))", paging: paging,
            on: connection, record)
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
