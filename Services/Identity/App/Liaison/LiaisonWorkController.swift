import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The liaison official's monthly operating-status record and contact log for an enterprise.
struct LiaisonWorkController: IdentityController {
    let runtime: IdentityRuntime
    static let statuses = ["normal", "difficult", "suspended", "closed"]
    static let ways = ["visit", "phone", "meeting", "online", "other"]

    struct StatusBody: Decodable { var status: String; var note: String? }
    struct ContactBody: Decodable { var date: String; var way: String; var note: String }

    typealias OperatingStatus = LiaisonWorkStore.OperatingStatus
    typealias Contact = LiaisonWorkStore.Contact

    func addRoutes(to router: Router<AppRequestContext>) {
        router.put("/enterprises/:id/operating-status/:month") { request, context -> OperatingStatus in
            let id = try context.pathID("id")
            guard let month = context.parameters.get("month"), Self.isMonth(month) else {
                throw APIError.invalid("month", "must be yyyy-MM")
            }
            let official = try await requireLiaison(context.principal, of: id)
            let body = try await request.decodeBody(StatusBody.self, context: context)
            guard Self.statuses.contains(body.status) else {
                throw APIError.invalid("status", "must be one of \(Self.statuses.joined(separator: ", "))")
            }
            let note = try Validate.text(body.note, "note", max: 2000, required: false)
            let recordedAt = try await runtime.pool.withTransaction { connection in
                let recorded = try await LiaisonWorkStore.recordStatus(
                    enterpriseID: id, month: month, status: body.status, note: note, by: official, on: connection)
                try await runtime.deps.outbox.append(
                    LiaisonOperatingStatusRecorded(
                        enterpriseID: id, month: month, status: body.status, recordedBy: official, recordedAt: recorded.recordedAt,
                        revised: recorded.revised),
                    on: connection)
                return recorded.recordedAt
            }
            return OperatingStatus(month: month, status: body.status, note: note, recordedBy: official, recordedAt: recordedAt)
        }
        router.get("/enterprises/:id/operating-status") { request, context -> Page<OperatingStatus> in
            let id = try context.pathID("id")
            let paging = try Paging(request)
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
                return try await LiaisonWorkStore.statuses(of: id, paging: paging, on: connection)
            }
        }
        router.post("/enterprises/:id/contacts") { request, context -> Response in
            let id = try context.pathID("id")
            let official = try await requireLiaison(context.principal, of: id)
            let body = try await request.decodeBody(ContactBody.self, context: context)
            guard Self.isDate(body.date) else { throw APIError.invalid("date", "must be a date yyyy-MM-dd") }
            guard Self.ways.contains(body.way) else { throw APIError.invalid("way", "must be one of \(Self.ways.joined(separator: ", "))") }
            let note = try Validate.text(body.note, "note", max: 2000)
            let contact = Contact(id: UUID(), officialID: official, date: body.date, way: body.way, note: note)
            try await runtime.pool.withConnection { try await LiaisonWorkStore.insertContact(contact, enterpriseID: id, on: $0) }
            var response = try contact.response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/enterprises/:id/contacts") { request, context -> Page<Contact> in
            let id = try context.pathID("id")
            let paging = try Paging(request)
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
                return try await LiaisonWorkStore.contacts(of: id, paging: paging, on: connection)
            }
        }
    }

    /// The caller's id when they are a liaison official currently assigned to the enterprise.
    private func requireLiaison(_ principal: AccessClaims?, of enterpriseID: UUID) async throws -> UUID {
        guard let principal else { throw APIError.unauthenticated }
        guard principal.isOfficial(.liaison) else { throw APIError.forbidden }
        let assigned = try await runtime.pool.withConnection {
            try await LiaisonStore.isAssigned(principal.accountID, to: enterpriseID, on: $0)
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
