import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// Every statement on help requests (申请帮扶), their history and their helpers.
enum HelpRequestStore {
    struct HelpRequest: ResponseCodable, Sendable {
        var id: UUID
        var enterpriseID: UUID
        /// The form (manual 1.10.1); absent on requests made before it was asked.
        var enterpriseName: String?
        var uscc: String?
        var officeRegion: String?
        var contactName: String?
        /// Personal data: shown through `IdentityDisclosure` (`disclosed(to:)`).
        var contactPhone: String?
        var note: String
        var status: String
        var reason: String?
        var helpers: [Helper]
        var createdAt: Date
    }

    struct Helper: Codable, Sendable {
        var officialID: UUID
        var name: String
        var unitID: UUID?
    }

    static func insert(
        id: UUID, enterpriseID: UUID, requestedBy: UUID, form: HelpRequestForm, cipher: FieldCipher, on connection: PostgresConnection
    ) async throws {
        let phone = try cipher.seal(form.contactPhone)
        try await connection.execute(
            """
            INSERT INTO help_requests (id, enterprise_id, requested_by, note, status, enterprise_name, uscc, office_region,
                                       contact_name, contact_phone_key_id, contact_phone_sealed)
            VALUES (\(id), \(enterpriseID), \(requestedBy), \(form.note), 'pending', \(form.enterpriseName), \(form.uscc),
                    \(form.officeRegion), \(form.contactName), \(phone.keyID), \(phone.ciphertext))
            """)
        try await connection.execute(
            "INSERT INTO help_request_history (request_id, status, actor_id) VALUES (\(id), 'pending', \(requestedBy))")
    }

    /// Locks a pending request; its enterprise. 404 when unknown, 409 when already decided.
    static func lockPending(_ id: UUID, on connection: PostgresConnection) async throws -> UUID {
        guard let row = try await connection.query("SELECT enterprise_id, status FROM help_requests WHERE id = \(id) FOR UPDATE").first else {
            throw APIError.notFound("help request")
        }
        let status = try row.decode("status", as: String.self)
        guard status == "pending" else { throw APIError.conflict("cannot decide: the help request is already \(status)") }
        return try row.decode("enterprise_id", as: UUID.self)
    }

    static func addHelper(_ officialID: UUID, to id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "INSERT INTO help_request_helpers (request_id, official_id) VALUES (\(id), \(officialID)) ON CONFLICT DO NOTHING")
    }

    static func decide(_ id: UUID, status: String, reason: String?, by actor: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE help_requests SET status = \(status), reason = \(reason), decided_by = \(actor), decided_at = now() WHERE id = \(id)
            """)
        try await connection.execute(
            "INSERT INTO help_request_history (request_id, status, note, actor_id) VALUES (\(id), \(status), \(reason), \(actor))")
    }

    /// Newest first, each with its helpers (all the page's helpers in one more query).
    static func list(
        id: UUID? = nil, enterpriseID: UUID? = nil, status: String? = nil, paging: Paging, cipher: FieldCipher,
        on connection: PostgresConnection
    ) async throws -> Page<HelpRequest> {
        var query: PostgresQuery = """
            SELECT h.id, h.enterprise_id, h.note, h.status, h.reason, h.created_at, h.enterprise_name, h.uscc, h.office_region,
                   h.contact_name, h.contact_phone_key_id, h.contact_phone_sealed
            FROM help_requests h WHERE true
            """
        if let id { query.append(" AND h.id = \(id)") }
        if let enterpriseID { query.append(" AND h.enterprise_id = \(enterpriseID)") }
        if let status { query.append(" AND h.status = \(status)") }
        var page = try await connection.page(query, orderBy: "h.created_at DESC, h.id", paging: paging) {
            HelpRequest(
                id: try $0.decode("id"), enterpriseID: try $0.decode("enterprise_id"),
                enterpriseName: try $0.decode("enterprise_name"), uscc: try $0.decode("uscc"),
                officeRegion: try $0.decode("office_region"), contactName: try $0.decode("contact_name"),
                contactPhone: try Account.sealed($0, "contact_phone").map(cipher.open), note: try $0.decode("note"),
                status: try $0.decode("status"), reason: try $0.decode("reason"), helpers: [], createdAt: try $0.decode("created_at"))
        }
        guard !page.items.isEmpty else { return page }
        var helpers: [UUID: [Helper]] = [:]
        for row in try await connection.query(
            """
            SELECT hh.request_id, a.id, a.real_name, a.unit_id FROM help_request_helpers hh JOIN accounts a ON a.id = hh.official_id
            WHERE hh.request_id = ANY(\(page.items.map(\.id))) ORDER BY a.real_name
            """)
        {
            helpers[try row.decode("request_id"), default: []].append(try helper(row))
        }
        for index in page.items.indices { page.items[index].helpers = helpers[page.items[index].id] ?? [] }
        return page
    }

    /// The active officials assigned to any of the enterprise's requests.
    static func helpers(of enterpriseID: UUID, on connection: PostgresConnection) async throws -> [Helper] {
        try await connection.query(
            """
            SELECT DISTINCT a.id, a.real_name, a.unit_id FROM help_request_helpers hh
            JOIN help_requests h ON h.id = hh.request_id JOIN accounts a ON a.id = hh.official_id
            WHERE h.enterprise_id = \(enterpriseID) AND h.status = 'assigned' AND a.active ORDER BY a.real_name
            """).map(helper)
    }

    private static func helper(_ row: PostgresRow) throws -> Helper {
        Helper(officialID: try row.decode("id"), name: try row.decode("real_name"), unitID: try row.decode("unit_id"))
    }
}
