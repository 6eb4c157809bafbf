import Foundation
import Postgres
import ServiceKit

/// Files of policies (`policy_attachments`), each belonging to the unit whose editor uploaded it.
enum PolicyAttachmentStore {
    static func insert(_ file: CheckedFile, id: UUID, unitID: UUID, by accountID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO policy_attachments (id, unit_id, uploaded_by, file_name, content_type, size, sha256, data, created_at)
            VALUES (\(id), \(unitID), \(accountID), \(file.fileName), \(file.type.rawValue), \(file.data.count), \(file.sha256),
                    \(file.data), \(now))
            """)
    }

    static func belongs(_ id: UUID, to unitID: UUID, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM policy_attachments WHERE id = \(id) AND unit_id = \(unitID)")).isEmpty
    }

    /// The file with its unit, and whether a published policy or a published interpretation (its
    /// 一图看懂 image or its video file) names it (then anyone may read it).
    static func file(_ id: UUID, on connection: PostgresConnection) async throws -> (file: StoredFile<UUID>, isPublic: Bool)? {
        try await connection.query(
            """
            SELECT a.unit_id, a.file_name, a.content_type, a.sha256, a.data,
                   (EXISTS (SELECT 1 FROM policies p WHERE p.status = 'published' AND p.attachments @> ARRAY[a.id])
                    OR EXISTS (SELECT 1 FROM interpretations i WHERE i.status = 'published' AND i.image_id = a.id)
                    OR EXISTS (SELECT 1 FROM interpretations i WHERE i.status = 'published' AND i.video_id = a.id)) AS public
            FROM policy_attachments a WHERE a.id = \(id)
            """
        ).first.map { row in
            (StoredFile(
                owner: try row.decode("unit_id"), fileName: try row.decode("file_name"), contentType: try row.decode("content_type"),
                sha256: try row.decode("sha256"), data: try row.decode("data")), try row.decode("public"))
        }
    }
}
