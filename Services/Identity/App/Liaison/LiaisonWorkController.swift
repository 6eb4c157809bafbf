import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The liaison official's monthly operating-status record and contact log for an enterprise.
struct LiaisonWorkController {
    let runtime: IdentityRuntime
    static let statuses = ["normal", "difficult", "suspended", "closed"]
    static let ways = ["visit", "phone", "meeting", "online", "other"]

    struct StatusBody: Decodable { var status: String; var note: String? }
    struct ContactBody: Decodable { var date: String; var way: String; var note: String }

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

    func addRoutes(to router: Router<AppRequestContext>) {
        router.put("/enterprises/:id/operating-status/:month") { request, context -> OperatingStatus in
            let id = try context.uuid("id")
            guard let month = context.parameters.get("month"), Self.isMonth(month) else {
                throw APIError.invalid("month", "must be yyyy-MM")
            }
            let official = try await requireLiaison(context.principal, of: id)
            let body = try await request.decodeBody(StatusBody.self, context: context)
            guard Self.statuses.contains(body.status) else {
                throw APIError.invalid("status", "must be one of \(Self.statuses.joined(separator: ", "))")
            }
            let note = try Inputs.text(body.note, field: "note", max: 2000, required: false)
            try await runtime.pool.execute(
                """
                INSERT INTO operating_statuses (enterprise_id, month, status, note, recorded_by) VALUES (\(id), \(month), \(body.status), \(note), \(official))
                ON CONFLICT (enterprise_id, month) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
                    recorded_by = EXCLUDED.recorded_by, recorded_at = now()
                """)
            return OperatingStatus(month: month, status: body.status, note: note, recordedBy: official, recordedAt: Date())
        }
        router.get("/enterprises/:id/operating-status") { request, context -> Page<OperatingStatus> in
            let id = try context.uuid("id")
            let paging = try Paging(request)
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
                let total = try await connection.query("SELECT count(*) AS n FROM operating_statuses WHERE enterprise_id = \(id)").first?.decode("n", as: Int.self) ?? 0
                let items = try await connection.query(
                    """
                    SELECT month, status, note, recorded_by, recorded_at FROM operating_statuses WHERE enterprise_id = \(id)
                    ORDER BY month DESC LIMIT \(paging.size) OFFSET \(paging.offset)
                    """).map {
                    OperatingStatus(
                        month: try $0.decode("month"), status: try $0.decode("status"), note: try $0.decode("note"),
                        recordedBy: try $0.decode("recorded_by"), recordedAt: try $0.decode("recorded_at"))
                }
                return Page(items: items, paging: paging, total: total)
            }
        }
        router.post("/enterprises/:id/contacts") { request, context -> Response in
            let id = try context.uuid("id")
            let official = try await requireLiaison(context.principal, of: id)
            let body = try await request.decodeBody(ContactBody.self, context: context)
            guard Self.isDate(body.date) else { throw APIError.invalid("date", "must be a date yyyy-MM-dd") }
            guard Self.ways.contains(body.way) else { throw APIError.invalid("way", "must be one of \(Self.ways.joined(separator: ", "))") }
            let note = try Inputs.text(body.note, field: "note", max: 2000)
            let contactID = UUID()
            try await runtime.pool.execute(
                """
                INSERT INTO liaison_contacts (id, enterprise_id, official_id, contact_date, way, note)
                VALUES (\(contactID), \(id), \(official), \(body.date)::date, \(body.way), \(note))
                """)
            var response = try Contact(id: contactID, officialID: official, date: body.date, way: body.way, note: note)
                .response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/enterprises/:id/contacts") { request, context -> Page<Contact> in
            let id = try context.uuid("id")
            let paging = try Paging(request)
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
                let total = try await connection.query("SELECT count(*) AS n FROM liaison_contacts WHERE enterprise_id = \(id)").first?.decode("n", as: Int.self) ?? 0
                let items = try await connection.query(
                    """
                    SELECT id, official_id, contact_date::text AS d, way, note FROM liaison_contacts WHERE enterprise_id = \(id)
                    ORDER BY contact_date DESC, created_at DESC LIMIT \(paging.size) OFFSET \(paging.offset)
                    """).map {
                    Contact(id: try $0.decode("id"), officialID: try $0.decode("official_id"), date: try $0.decode("d"), way: try $0.decode("way"), note: try $0.decode("note"))
                }
                return Page(items: items, paging: paging, total: total)
            }
        }
    }

    /// The caller's id when they are a liaison official currently assigned to the enterprise.
    private func requireLiaison(_ principal: AccessClaims?, of enterpriseID: UUID) async throws -> UUID {
        guard let principal else { throw APIError.unauthenticated }
        guard principal.accountKind == .official, principal.hasRole("liaison") else { throw APIError.forbidden }
        let assigned = try await runtime.pool.withConnection {
            try await EnterpriseAccess.isLiaison(principal.accountID, of: enterpriseID, on: $0)
        }
        guard assigned else { throw APIError.notFound("enterprise") }
        return principal.accountID
    }

    static func isMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return false }
        return (2000...2100).contains(year) && (1...12).contains(month)
    }

    static func isDate(_ text: String) -> Bool {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text) else { return false }
        return formatter.string(from: date) == text && date <= Date().addingTimeInterval(24 * 3600)
    }
}
