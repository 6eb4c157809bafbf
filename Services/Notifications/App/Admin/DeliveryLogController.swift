import Contracts
import Foundation
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// The SMS delivery log: search by recipient, event, status and time; one message with every
/// attempt; resend of a failed one. Phones are shown through the service's disclosure policy.
struct DeliveryLogController {
    let runtime: NotificationsRuntime

    var pool: PostgresPool { runtime.pool }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/sms") { request, context in try await search(request, context) }
        router.get("/admin/sms/{id}") { _, context in try await detail(context) }
        router.post("/admin/sms/{id}/resend") { _, context in try await resend(context) }
    }

    typealias Entry = DeliveryLogStore.Sms

    /// The SMS with its phone as `viewer` may see it.
    func entry(_ record: DeliveryLogStore.Record, for viewer: AccessClaims) throws -> Entry {
        var sms = record.sms
        let phone = try record.sealedPhone.map { try runtime.cipher.open($0) }
        sms.phone = runtime.disclosure.show(phone, as: .phone, to: viewer)
        return sms
    }

    func search(_ request: Request, _ context: AppRequestContext) async throws -> Page<Entry> {
        let principal = try context.requireOfficial(.platformAdmin, .inspector)
        let input = QueryInput(request: request)
        let paging = try Paging(request)
        let filter = DeliveryLogStore.Filter(
            accountID: try input.uuid("accountID"), enterpriseID: try input.uuid("enterpriseID"), eventID: try input.uuid("eventID"), eventType: input.string("eventType"),
            status: try input.oneOf("status", DeliveryLogStore.statuses), from: try input.date("from"), to: try input.date("to"))
        let page = try await pool.withConnection { try await DeliveryLogStore.search(filter, paging: paging, on: $0) }
        return Page(items: try page.items.map { try entry($0, for: principal) }, paging: paging, total: page.total)
    }

    func detail(_ context: AppRequestContext) async throws -> Entry {
        let principal = try context.requireOfficial(.platformAdmin, .inspector)
        let id = try context.pathNumber("id")
        return try await pool.withConnection { connection in
            guard let record = try await DeliveryLogStore.record(id, on: connection) else { throw APIError.notFound("SMS") }
            var result = try entry(record, for: principal)
            result.log = try await DeliveryLogStore.attempts(of: id, on: connection)
            return result
        }
    }

    /// Puts a failed SMS back in the queue with its attempts reset; 409 for any other status.
    func resend(_ context: AppRequestContext) async throws -> Entry {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathNumber("id")
        return try await pool.withTransaction { connection in
            guard let status = try await DeliveryLogStore.lockStatus(id, on: connection) else { throw APIError.notFound("SMS") }
            guard status == "failed" else { throw APIError.conflict("cannot resend: the SMS is \(status)") }
            guard let record = try await DeliveryLogStore.requeue(id, on: connection) else { throw APIError.notFound("SMS") }
            try await AuditTrail.append(
                AuditEntry(action: "sms.resend", subjectKind: "sms", subjectID: String(id), by: admin, acting: [.platformAdmin]),
                on: connection)
            return try entry(record, for: admin)
        }
    }
}

extension DeliveryLogStore.Sms: ResponseEncodable {}
