import Foundation
import Postgres
import ServiceKit

/// Every write and single read of interpretations (`interpretations`); the lists are in
/// `InterpretationStore+List.swift`.
enum InterpretationStore {
    struct Record: Codable, Sendable {
        var id: UUID
        var policyID: UUID
        var policyTitle: String
        var region: String
        var form: InterpretationInput.Form
        var title: String
        var body: String
        var imageID: UUID?
        var altText: String?
        var videoURL: String?
        var videoID: UUID?
        var unitID: UUID
        var status: ReviewRule.Status
        var draftedBy: UUID
        var returnReason: String?
        var updatedAt: Date
        var publishedAt: Date?
    }

    static let columns = """
        i.interpretation_id, i.policy_id, p.title AS policy_title, p.region, i.form, i.title, i.body, i.image_id, i.alt_text, i.video_url, i.video_id,
        i.unit_id, i.status, i.drafted_by, i.return_reason, i.updated_at, i.published_at
        """

    static func insert(_ draft: InterpretationInput.Draft, id: UUID, unitID: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO interpretations (interpretation_id, policy_id, form, title, body, image_id, alt_text, video_url, video_id, search_keys,
                                         unit_id, status, drafted_by, created_at, updated_at)
            VALUES (\(id), \(draft.policyID), \(draft.form.rawValue), \(draft.title), \(draft.body), \(draft.imageID), \(draft.altText),
                    \(draft.videoURL), \(draft.videoID), \(TitleGrams.of(draft.title)), \(unitID), 'reviewing', \(editorID), \(now), \(now))
            """)
    }

    /// The edited draft waits for review again (its editor becomes the drafter).
    static func update(_ id: UUID, with draft: InterpretationInput.Draft, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE interpretations SET policy_id = \(draft.policyID), form = \(draft.form.rawValue), title = \(draft.title), body = \(draft.body),
                image_id = \(draft.imageID), alt_text = \(draft.altText), video_url = \(draft.videoURL), video_id = \(draft.videoID), search_keys = \(TitleGrams.of(draft.title)),
                status = 'reviewing', drafted_by = \(editorID), return_reason = NULL, updated_at = \(now)
            WHERE interpretation_id = \(id)
            """)
    }

    /// Public from now on; its policy says it has interpretations (`has_interpretations`, the list's 解读详情).
    static func publish(_ record: Record, by reviewerID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE interpretations SET status = 'published', reviewed_by = \(reviewerID), published_at = \(now), updated_at = \(now)
            WHERE interpretation_id = \(record.id)
            """)
        try await connection.execute("UPDATE policies SET has_interpretations = true WHERE policy_id = \(record.policyID)")
    }

    static func returnDraft(_ id: UUID, reason: String, by reviewerID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE interpretations SET status = 'returned', reviewed_by = \(reviewerID), return_reason = \(reason), updated_at = \(now)
            WHERE interpretation_id = \(id)
            """)
    }

    /// The interpretation with its policy's title and region, locked for a change when `forUpdate`.
    static func find(_ id: UUID, forUpdate: Bool = false, on connection: PostgresConnection) async throws -> Record? {
        try await connection.query(
            """
            SELECT \(unescaped: columns) FROM interpretations i JOIN policies p ON p.policy_id = i.policy_id
            WHERE i.interpretation_id = \(id) \(unescaped: forUpdate ? "FOR UPDATE OF i" : "")
            """
        ).first.map(record)
    }

    /// Whether `id` is a file of one of `types` uploaded by `unitID`'s editors (an 一图看懂 image, a video).
    static func isFile(_ id: UUID, of unitID: UUID, ofType types: [FileType], on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query(
            """
            SELECT 1 FROM policy_attachments
            WHERE id = \(id) AND unit_id = \(unitID) AND content_type = ANY(\(types.map(\.rawValue)))
            """)).isEmpty
    }

    static func record(_ row: PostgresRow) throws -> Record {
        Record(
            id: try row.decode("interpretation_id"), policyID: try row.decode("policy_id"), policyTitle: try row.decode("policy_title"),
            region: try row.decode("region"), form: InterpretationInput.Form(rawValue: try row.decode("form")) ?? .text,
            title: try row.decode("title"), body: try row.decode("body"), imageID: try row.decode("image_id"), altText: try row.decode("alt_text"),
            videoURL: try row.decode("video_url"), videoID: try row.decode("video_id"), unitID: try row.decode("unit_id"),
            status: ReviewRule.Status(rawValue: try row.decode("status")) ?? .reviewing, draftedBy: try row.decode("drafted_by"),
            returnReason: try row.decode("return_reason"), updatedAt: try row.decode("updated_at"), publishedAt: try row.decode("published_at"))
    }
}
