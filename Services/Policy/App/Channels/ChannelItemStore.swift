import Foundation
import Postgres
import ServiceKit
import Validators

/// Every statement of the content channels (`channel_items`).
enum ChannelItemStore: ReviewedContent {
    static let subjectKind = "channelItem"
    static let noun = "channel item"
    static let table = ReviewedContentStore.Table(
        name: "channel_items", key: "item_id",
        columns: "item_id, channel, section, kind, title, body, source, url, unit_id, status, drafted_by, return_reason, updated_at, published_at")
    typealias Draft = ChannelItemInput.Draft

    struct Record: Codable, Sendable, ReviewedRecord {
        var id: UUID
        var channel: ChannelCatalogue.Channel
        var section: ChannelCatalogue.Section
        var kind: ChannelCatalogue.Kind
        var title: String
        var body: String
        var source: String
        var url: String?
        var unitID: UUID
        var status: ReviewRule.Status
        var draftedBy: UUID
        var returnReason: String?
        var updatedAt: Date
        var publishedAt: Date?
    }

    struct Filter: Sendable {
        var channel: ChannelCatalogue.Channel?
        var section: ChannelCatalogue.Section?
        var kind: ChannelCatalogue.Kind?
        var scope = ReviewedContentStore.Scope()
    }

    static func insert(_ draft: ChannelItemInput.Draft, id: UUID, unitID: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO channel_items (item_id, channel, section, kind, title, body, source, url, unit_id, status, drafted_by, created_at, updated_at)
            VALUES (\(id), \(draft.section.channel.rawValue), \(draft.section.rawValue), \(draft.kind.rawValue), \(draft.title), \(draft.body),
                \(draft.source), \(draft.url), \(unitID), 'reviewing', \(editorID), \(now), \(now))
            """)
    }

    static func title(of draft: ChannelItemInput.Draft) -> String { draft.title }

    static func update(_ id: UUID, with draft: ChannelItemInput.Draft, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE channel_items SET channel = \(draft.section.channel.rawValue), section = \(draft.section.rawValue), kind = \(draft.kind.rawValue),
                title = \(draft.title), body = \(draft.body), source = \(draft.source), url = \(draft.url), status = 'reviewing',
                drafted_by = \(editorID), return_reason = NULL, updated_at = \(now)
            WHERE item_id = \(id)
            """)
    }

    static func list(_ filter: Filter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        try await ReviewedContentStore.list(
            in: table, filter.scope,
            and: """
                (\(filter.channel?.rawValue)::text IS NULL OR channel = \(filter.channel?.rawValue))
                  AND (\(filter.section?.rawValue)::text IS NULL OR section = \(filter.section?.rawValue))
                  AND (\(filter.kind?.rawValue)::text IS NULL OR kind = \(filter.kind?.rawValue))
                """, paging: paging, on: connection, record)
    }

    static func record(_ row: PostgresRow) throws -> Record {
        Record(
            id: try row.decode("item_id"),
            channel: ChannelCatalogue.Channel(rawValue: try row.decode("channel")) ?? .facilitation,
            section: ChannelCatalogue.Section(rawValue: try row.decode("section")) ?? .enterpriseStartup,
            kind: ChannelCatalogue.Kind(rawValue: try row.decode("kind")) ?? .news,
            title: try row.decode("title"), body: try row.decode("body"), source: try row.decode("source"), url: try row.decode("url"),
            unitID: try row.decode("unit_id"), status: ReviewRule.Status(rawValue: try row.decode("status")) ?? .reviewing,
            draftedBy: try row.decode("drafted_by"), returnReason: try row.decode("return_reason"),
            updatedAt: try row.decode("updated_at"), publishedAt: try row.decode("published_at"))
    }
}
