import Foundation
import Postgres
import ServiceKit

/// Files for the forms (`attachments`), each belonging to the enterprise that uploaded it.
enum AttachmentStore {
    /// Whose a file is: the enterprise that uploaded it.
    struct Owner: Sendable {
        var id: UUID
        var enterpriseID: UUID
    }

    static func insert(
        _ file: CheckedFile, id: UUID, enterpriseID: UUID, by accountID: UUID, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO attachments (id, enterprise_id, uploaded_by, file_name, content_type, size, sha256, data, created_at)
            VALUES (\(id), \(enterpriseID), \(accountID), \(file.fileName), \(file.type.rawValue), \(file.data.count), \(file.sha256),
                    \(file.data), \(now))
            """)
    }

    static func file(_ id: UUID, on connection: PostgresConnection) async throws -> StoredFile<Owner>? {
        try await connection.query(
            "SELECT enterprise_id, file_name, content_type, sha256, data FROM attachments WHERE id = \(id)"
        ).first.map { row in
            StoredFile(
                owner: Owner(id: id, enterpriseID: try row.decode("enterprise_id")), fileName: try row.decode("file_name"),
                contentType: try row.decode("content_type"), sha256: try row.decode("sha256"), data: try row.decode("data"))
        }
    }

    /// The items of `owner` whose form names the attachment (only the owner's items can name it:
    /// forms take only their own enterprise's files).
    static func itemsNaming(_ id: UUID, ownedBy owner: UUID, on connection: PostgresConnection) async throws -> [CaseRecord] {
        try await connection.query(
            """
            SELECT \(unescaped: CaseRecord.columns) FROM cases c
            WHERE c.enterprise_id = \(owner) AND EXISTS (
                SELECT 1 FROM (
                    SELECT jsonb_path_query(c.form, '$.problem.attachments[*]') AS v
                    UNION ALL SELECT jsonb_path_query(c.form, '$.attachments[*]')
                ) named WHERE lower(named.v #>> '{}') = \(id.uuidString.lowercased()))
            """
        ).map(CaseRecord.init(row:))
    }

    /// Every attachment a form names must exist and belong to the enterprise.
    static func check(_ ids: [UUID]?, field: String, enterpriseID: UUID, on connection: PostgresConnection) async throws {
        for (index, id) in (ids ?? []).enumerated() {
            let rows = try await connection.query(
                "SELECT 1 FROM attachments WHERE id = \(id) AND enterprise_id = \(enterpriseID)")
            guard !rows.isEmpty else { throw APIError.unknown("\(field)[\(index)]", "is not one of your attachments") }
        }
    }
}
