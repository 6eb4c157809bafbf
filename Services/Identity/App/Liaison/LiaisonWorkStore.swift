import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Every statement of the liaison official's work: monthly operating statuses and the contact log.
enum LiaisonWorkStore {
    struct OperatingStatus: ResponseCodable, Sendable {
        var month: String
        var status: String
        var note: String
        var recordedBy: UUID
        var recordedAt: Date
    }

    struct Contact: ResponseCodable, Sendable {
        var id: UUID
        var officialID: UUID
        var date: String
        var way: String
        var note: String
    }

    /// Records (or replaces) the enterprise's status for `month`; returns the record's time and
    /// whether it replaced an earlier one.
    static func recordStatus(
        enterpriseID: UUID, month: String, status: String, note: String, by official: UUID, on connection: PostgresConnection
    ) async throws -> (recordedAt: Date, revised: Bool) {
        // Insert first, then update: a concurrent first record of the month makes this one a revision.
        let inserted = try await connection.query(
            """
            INSERT INTO operating_statuses (enterprise_id, month, status, note, recorded_by)
            VALUES (\(enterpriseID), \(month), \(status), \(note), \(official))
            ON CONFLICT (enterprise_id, month) DO NOTHING
            RETURNING recorded_at
            """)
        if let row = inserted.first { return (try row.decode("recorded_at"), false) }
        let updated = try await connection.query(
            """
            UPDATE operating_statuses SET status = \(status), note = \(note), recorded_by = \(official), recorded_at = now()
            WHERE enterprise_id = \(enterpriseID) AND month = \(month)
            RETURNING recorded_at
            """)
        guard let row = updated.first else { throw APIError.notFound("operating status") }
        return (try row.decode("recorded_at"), true)
    }

    static func statuses(of enterpriseID: UUID, paging: Paging, on connection: PostgresConnection) async throws -> Page<OperatingStatus> {
        try await connection.page(
            "SELECT month, status, note, recorded_by, recorded_at FROM operating_statuses WHERE enterprise_id = \(enterpriseID)",
            orderBy: "month DESC", paging: paging
        ) {
            OperatingStatus(
                month: try $0.decode("month"), status: try $0.decode("status"), note: try $0.decode("note"),
                recordedBy: try $0.decode("recorded_by"), recordedAt: try $0.decode("recorded_at"))
        }
    }

    static func insertContact(_ contact: Contact, enterpriseID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO liaison_contacts (id, enterprise_id, official_id, contact_date, way, note)
            VALUES (\(contact.id), \(enterpriseID), \(contact.officialID), \(contact.date)::date, \(contact.way), \(contact.note))
            """)
    }

    static func contacts(of enterpriseID: UUID, paging: Paging, on connection: PostgresConnection) async throws -> Page<Contact> {
        try await connection.page(
            """
            SELECT id, official_id, contact_date::text AS d, way, note, contact_date, created_at FROM liaison_contacts
            WHERE enterprise_id = \(enterpriseID)
            """,
            orderBy: "contact_date DESC, created_at DESC", paging: paging
        ) {
            Contact(
                id: try $0.decode("id"), officialID: try $0.decode("official_id"), date: try $0.decode("d"), way: try $0.decode("way"),
                note: try $0.decode("note"))
        }
    }
}
