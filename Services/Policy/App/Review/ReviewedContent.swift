import Foundation
import Postgres

/// A kind of reviewed content (channel items, announcements): what differs between the kinds — its
/// table, its checked draft, its record — behind one face, so `ReviewedContentWorkflow` keeps the
/// shared workflow (draft → publish / return, status history, audit) in one place.
protocol ReviewedContent: Sendable {
    associatedtype Draft: Sendable
    associatedtype Record: ReviewedRecord

    /// The subject kind of the audit trail and the status history, and the audit actions' prefix
    /// (`channelItem.drafted`).
    static var subjectKind: String { get }
    /// What a 404 calls it ("channel item").
    static var noun: String { get }
    /// Its table, for the shared review statements.
    static var table: ReviewedContentStore.Table { get }

    static func title(of draft: Draft) -> String
    static func insert(_ draft: Draft, id: UUID, unitID: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws
    /// The edited draft waits for review again (its editor becomes the drafter).
    static func update(_ id: UUID, with draft: Draft, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws
    /// The record of one row of `table.columns`.
    static func record(_ row: PostgresRow) throws -> Record
    /// What publishing `record` does beside its status change, in the same transaction (a redemption
    /// item marks its policy); throwing refuses the publication. Nothing by default.
    static func published(_ record: Record, at now: Date, on connection: PostgresConnection) async throws
}

extension ReviewedContent {
    static func published(_ record: Record, at now: Date, on connection: PostgresConnection) async throws {}

    /// The item, locked for a change when `forUpdate`.
    static func find(_ id: UUID, forUpdate: Bool = false, on connection: PostgresConnection) async throws -> Record? {
        try await ReviewedContentStore.find(id, in: table, forUpdate: forUpdate, on: connection, record)
    }
}

/// What the review rule reads of a reviewed item.
protocol ReviewedRecord: Sendable {
    var id: UUID { get }
    var unitID: UUID { get }
    var status: ReviewRule.Status { get }
    var draftedBy: UUID { get }
    var returnReason: String? { get }
}
