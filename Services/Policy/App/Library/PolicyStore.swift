import Contracts
import Foundation
import Postgres
import ServiceKit

/// Every write of the policy library; each method runs on the caller's transaction.
enum PolicyStore {
    static func load(_ id: UUID, lock: Bool = false, on connection: PostgresConnection) async throws -> PolicyRecord? {
        try await connection.query(
            """
            SELECT \(unescaped: PolicyRecord.columns) FROM policies p LEFT JOIN units u ON u.unit_id = p.agency_id
            WHERE p.policy_id = \(id)\(unescaped: lock ? " FOR UPDATE OF p" : "")
            """
        ).first.map(PolicyRecord.init(row:))
    }

    /// A new, never published policy whose draft is `content`.
    static func insert(_ id: UUID, content: PolicyContent, agencyID: UUID, by editor: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO policies (policy_id, status, review_state, title, document_number, agency_id, region, issued_at, policy_type,
                                  subsidy_type, tags, body, attachments, search_keys, pending, pending_editors, created_by, created_at, updated_at)
            VALUES (\(id), 'unpublished', 'editing', \(content.title), \(content.documentNumber), \(agencyID), \(content.region),
                    \(content.issuedAt), \(content.policyType), \(content.subsidyType), \(content.tags), \(content.body),
                    \(content.attachments), \(TitleGrams.keys(content, agencyID: agencyID)), \(try json(content)), \([editor]), \(editor), \(now), \(now))
            """)
    }

    /// The pending content becomes `content`, edited by `editor`; a never published policy shows it too.
    static func saveDraft(_ record: PolicyRecord, content: PolicyContent, by editor: UUID, at now: Date, on connection: PostgresConnection) async throws {
        let editors = record.review == .returned || record.review == .none ? [editor] : Array(Set(record.pendingEditors + [editor]))
        try await connection.execute(
            """
            UPDATE policies SET pending = \(try json(content)), pending_editors = \(editors), review_state = 'editing',
                return_reason = NULL, updated_at = \(now) WHERE policy_id = \(record.id)
            """)
        if record.status == .unpublished { try await setColumns(record, content, on: connection) }
    }

    static func setReview(_ id: UUID, _ state: ReviewState, reason: String?, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE policies SET review_state = \(state.rawValue), return_reason = \(reason), updated_at = \(now) WHERE policy_id = \(id)")
    }

    /// The pending content becomes the public version `version`, kept whole in `policy_versions`.
    static func publish(
        _ record: PolicyRecord, content: PolicyContent, version: Int, timeliness: (hours: String, late: Bool)?, by reviewer: UUID,
        at now: Date, on connection: PostgresConnection
    ) async throws {
        try await setColumns(record, content, on: connection)
        try await connection.execute(
            """
            UPDATE policies SET status = 'published', review_state = 'none', version = \(version), published_at = \(now),
                first_published_at = COALESCE(first_published_at, \(now)),
                hours_to_publish = COALESCE(\(timeliness?.hours)::numeric, hours_to_publish), late = late OR \(timeliness?.late ?? false),
                pending = NULL, pending_editors = '{}', return_reason = NULL, updated_at = \(now)
            WHERE policy_id = \(record.id)
            """)
        try await connection.execute(
            """
            INSERT INTO policy_versions (policy_id, version, content, published_at, published_by)
            VALUES (\(record.id), \(version), \(try json(content)), \(now), \(reviewer))
            """)
    }

    static func withdraw(_ id: UUID, reason: String, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE policies SET status = 'withdrawn', review_state = 'none', pending = NULL, pending_editors = '{}',
                withdrawal_reason = \(reason), updated_at = \(now) WHERE policy_id = \(id)
            """)
    }

    static func recordHistory(
        _ id: UUID, action: String, status: PolicyStatus, review: ReviewState, by actor: UUID, role: OfficialRole, reason: String?,
        at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO policy_history (policy_id, action, status, review_state, actor_id, actor_role, reason, at)
            VALUES (\(id), \(action), \(status.rawValue), \(review.rawValue), \(actor), \(role.rawValue), \(reason), \(now))
            """)
    }

    private static func setColumns(_ record: PolicyRecord, _ content: PolicyContent, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE policies SET title = \(content.title), document_number = \(content.documentNumber), region = \(content.region),
                issued_at = \(content.issuedAt), policy_type = \(content.policyType), subsidy_type = \(content.subsidyType),
                tags = \(content.tags), body = \(content.body), attachments = \(content.attachments),
                search_keys = \(TitleGrams.keys(content, agencyID: record.agencyID))
            WHERE policy_id = \(record.id)
            """)
    }

    static func json(_ content: PolicyContent) throws -> PostgresJSON {
        try PostgresJSON(encoding: content, encoder: EventJSON.makeEncoder())
    }
}
