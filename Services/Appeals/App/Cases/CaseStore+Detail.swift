import Contracts
import Foundation
import PersonalData
import Postgres

/// What an item's detail shows besides the record: its sealed contacts and the handling so far.
extension CaseStore {
    /// The item's sealed personal values, by form field.
    static func contacts(of id: UUID, on connection: PostgresConnection) async throws -> [(field: String, sealed: SealedField)] {
        try await connection.query("SELECT field, key_id, sealed FROM case_contacts WHERE case_id = \(id)").map { row in
            (try row.decode("field"), SealedField(keyID: try row.decode("key_id"), ciphertext: try row.decode("sealed")))
        }
    }

    /// Replaces the item's sealed personal values.
    static func replaceContacts(
        of id: UUID, with values: [(field: String, sealed: SealedField, lookupHash: Data)], on connection: PostgresConnection
    ) async throws {
        try await connection.execute("DELETE FROM case_contacts WHERE case_id = \(id)")
        try await insertContacts(of: id, values, on: connection)
    }

    /// Adds sealed personal values to an item that has none of these fields yet, in one statement.
    static func insertContacts(
        of id: UUID, _ values: [(field: String, sealed: SealedField, lookupHash: Data)], on connection: PostgresConnection
    ) async throws {
        guard !values.isEmpty else { return }
        var statement: PostgresQuery = "INSERT INTO case_contacts (case_id, field, key_id, sealed, lookup_hash) VALUES "
        for (index, value) in values.enumerated() {
            if index > 0 { statement.appendUnescaped(", ") }
            statement.append("(\(id), \(value.field), \(value.sealed.keyID), \(value.sealed.ciphertext), \(value.lookupHash))")
        }
        try await connection.execute(statement)
    }

    static func officialName(_ id: UUID?, on connection: PostgresConnection) async throws -> String? {
        try await connection.query("SELECT name FROM officials WHERE official_id = \(id)").first?.decode("name", as: String.self)
    }

    static func versions(of id: UUID, on connection: PostgresConnection) async throws -> [CaseDetail.Version] {
        try await connection.query(
            "SELECT version, author_role, title, detail, created_at FROM case_versions WHERE case_id = \(id) ORDER BY version"
        ).map { row in
            CaseDetail.Version(
                version: try row.decode("version"), authorRole: try row.decode("author_role"), title: try row.decode("title"),
                detail: try row.decode("detail"), createdAt: try row.decode("created_at"))
        }
    }

    static func coHandlers(of id: UUID, on connection: PostgresConnection) async throws -> [CaseDetail.CoHandler] {
        try await connection.query(
            "SELECT unit_id, unit_name, added_at FROM case_co_handlers WHERE case_id = \(id) ORDER BY added_at"
        ).map { row in
            CaseDetail.CoHandler(
                unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"), addedAt: try row.decode("added_at"))
        }
    }

    static func progress(of id: UUID, on connection: PostgresConnection) async throws -> [CaseDetail.Progress] {
        try await connection.query(
            "SELECT checkpoint, content, unit_id, at FROM case_progress WHERE case_id = \(id) ORDER BY at"
        ).map { row in
            CaseDetail.Progress(
                checkpoint: try row.decode("checkpoint"), content: try row.decode("content"), unitID: try row.decode("unit_id"),
                at: try row.decode("at"))
        }
    }

    static func checkpoints(of record: CaseRecord, on connection: PostgresConnection) async throws -> [CaseDetail.Checkpoint] {
        try await connection.query(
            """
            SELECT step, due_at, reported_at FROM case_checkpoints WHERE case_id = \(record.id) AND step_seq = \(record.stepSeq)
            ORDER BY step
            """
        ).map { row in
            CaseDetail.Checkpoint(
                step: try row.decode("step"), dueAt: try row.decode("due_at"), reportedAt: try row.decode("reported_at"))
        }
    }

    static func escalations(of id: UUID, on connection: PostgresConnection) async throws -> [CaseDetail.Escalation] {
        try await connection.query(
            "SELECT id, step, note, inspector_id, at FROM escalations WHERE case_id = \(id) ORDER BY at"
        ).map { row in
            CaseDetail.Escalation(
                id: try row.decode("id"), step: try row.decode("step"), note: try row.decode("note"),
                inspectorID: try row.decode("inspector_id"), at: try row.decode("at"))
        }
    }

    static func plans(of id: UUID, on connection: PostgresConnection) async throws -> [CaseDetail.Plan] {
        try await connection.query(
            """
            SELECT version, to_char(resolve_by, 'YYYY-MM-DD') AS resolve_by, milestones, reason, unit_id, filed_at
            FROM case_plans WHERE case_id = \(id) ORDER BY version
            """
        ).map { row in
            CaseDetail.Plan(
                version: try row.decode("version"), resolveBy: try row.decode("resolve_by"),
                milestones: try row.decode("milestones", as: PostgresJSON.self).decode([PlanMilestone].self, decoder: JSONDecoder()),
                reason: try row.decode("reason"), unitID: try row.decode("unit_id"), filedAt: try row.decode("filed_at"))
        }
    }
}
