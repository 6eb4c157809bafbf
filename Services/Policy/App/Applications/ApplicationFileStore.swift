import Foundation
import Postgres
import ServiceKit

/// Materials' files (`application_files`): uploaded by an applicant before applying, named by an
/// application's materials afterwards.
enum ApplicationFileStore {
    struct Owner: Sendable {
        var uploadedBy: UUID
        var enterpriseID: UUID?
    }

    static func insert(
        _ file: CheckedFile, id: UUID, by accountID: UUID, enterpriseID: UUID?, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO application_files (id, uploaded_by, enterprise_id, file_name, content_type, size, sha256, data, created_at)
            VALUES (\(id), \(accountID), \(enterpriseID), \(file.fileName), \(file.type.rawValue), \(file.data.count), \(file.sha256),
                    \(file.data), \(now))
            """)
    }

    /// The name and type of each of `ids` that `accountID` uploaded (others are left out).
    static func uploaded(_ ids: [UUID], by accountID: UUID, on connection: PostgresConnection) async throws
        -> [UUID: (fileName: String, contentType: String)]
    {
        var found: [UUID: (String, String)] = [:]
        for row in try await connection.query(
            "SELECT id, file_name, content_type FROM application_files WHERE id = ANY(\(ids)) AND uploaded_by = \(accountID)")
        {
            found[try row.decode("id", as: UUID.self)] = (try row.decode("file_name", as: String.self), try row.decode("content_type", as: String.self))
        }
        return found
    }

    /// The file, with the applications that name it (their readers may read it too).
    static func file(_ id: UUID, on connection: PostgresConnection) async throws -> (file: StoredFile<Owner>, applications: [UUID])? {
        try await connection.query(
            """
            SELECT f.uploaded_by, f.enterprise_id, f.file_name, f.content_type, f.sha256, f.data,
                   coalesce((SELECT array_agg(a.application_id) FROM redemption_applications a
                             WHERE a.file_ids @> ARRAY[f.id]), '{}') AS applications
            FROM application_files f WHERE f.id = \(id)
            """
        ).first.map { row in
            (StoredFile(
                owner: Owner(uploadedBy: try row.decode("uploaded_by"), enterpriseID: try row.decode("enterprise_id")),
                fileName: try row.decode("file_name"), contentType: try row.decode("content_type"), sha256: try row.decode("sha256"),
                data: try row.decode("data")), try row.decode("applications", as: [UUID].self))
        }
    }
}
