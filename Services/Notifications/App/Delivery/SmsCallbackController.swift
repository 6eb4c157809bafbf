import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// `POST /sms/callback`: the HTTP gateway's per-message delivery report, signed like our requests.
/// `GET /local/sms` (local run only, platform admins only): what the local provider recorded and what
/// is held (quiet hours, hourly limit) with the time it will go, phones masked.
/// The report body is the gateway's wire format (`providerMessageId`), not ours.
struct SmsCallbackController {
    let runtime: NotificationsRuntime
    /// The gateway's signing secret; without one (the local provider) there is no callback.
    let secret: String?
    let showsLocalOutbox: Bool

    init(runtime: NotificationsRuntime, secret: String? = nil, showsLocalOutbox: Bool? = nil) {
        self.runtime = runtime
        self.secret = secret ?? runtime.sms.http?.secret
        self.showsLocalOutbox = showsLocalOutbox ?? (runtime.deps.configuration.environment == .local)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/sms/callback") { request, context in try await callback(request, context) }
        router.get("/local/sms") { request, context in try await localOutbox(request, context) }
    }

    struct Report: Decodable {
        var providerMessageId: String
        var status: String
        var detail: String?
    }

    struct Accepted: ResponseCodable {
        var status: String
    }

    func callback(_ request: Request, _ context: AppRequestContext) async throws -> Accepted {
        guard let secret else { throw APIError.notFound("route") }
        let body = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        guard let timestampName = HTTPField.Name("X-Qinqing-Timestamp"),
            let signatureName = HTTPField.Name("X-Qinqing-Signature"),
            let timestamp = request.headers[timestampName], let signature = request.headers[signatureName],
            SmsSignature.verify(body: body, timestamp: timestamp, signature: signature, secret: secret)
        else { throw APIError.unauthenticated }
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: body)
        } catch {
            throw APIError.invalid("body", "must be {providerMessageId, status, detail?}")
        }
        guard ["delivered", "failed"].contains(report.status) else {
            throw APIError.invalid("status", "must be delivered or failed")
        }
        return try await runtime.pool.withTransaction { connection in
            guard let sms = try await SmsStore.lockByProviderID(report.providerMessageId, on: connection)
            else { throw APIError.notFound("SMS") }
            let id = sms.id
            guard sms.status == "sent" else { return Accepted(status: "ignored") }
            let log = SmsLog(smsID: id, connection: connection)
            let detail = String((report.detail ?? "").prefix(200))
            if report.status == "delivered" {
                try await SmsStore.markDelivered(id, on: connection)
                try await log.attempted(0, outcome: "delivered", detail: detail.isEmpty ? nil : detail)
            } else {
                try await log.attempted(0, outcome: "undelivered", detail: detail.isEmpty ? nil : detail)
                try await SmsFallback.fail(smsID: id, reason: "the gateway reported it undelivered", on: connection)
            }
            return Accepted(status: report.status)
        }
    }

    /// `status` is `sent` (with `sentAt`) or `held` (quiet hours or the hourly limit: `heldFor`),
    /// going at `heldUntil`.
    struct LocalSms: Codable, Sendable {
        var id: Int?
        var smsID: Int
        /// The account addressed, or (its contact phone) the enterprise; exactly one is set.
        var accountID: UUID?
        var enterpriseID: UUID?
        var phone: String?
        var text: String
        var parts: Int
        var status: String
        var sentAt: Date?
        var heldUntil: Date?
        var heldFor: String?
    }

    /// Platform admins only, even in the local run; phones stay masked (it is a developer's view of
    /// what was sent, not a way to read phones).
    func localOutbox(_ request: Request, _ context: AppRequestContext) async throws -> Page<LocalSms> {
        guard showsLocalOutbox else { throw APIError.notFound("route") }
        _ = try context.requireOfficial(.platformAdmin)
        let paging = try Paging(request)
        let (records, total) = try await runtime.pool.withConnection { try await SmsStore.localOutbox(paging, on: $0) }
        let items = try records.map { record in
            LocalSms(
                id: record.id, smsID: record.smsID, accountID: record.recipient.accountID,
                enterpriseID: record.recipient.enterpriseID,
                phone: try record.phone.map { runtime.disclosure.show(try runtime.cipher.open($0), as: .phone, to: nil) },
                text: record.text, parts: record.parts, status: record.status, sentAt: record.sentAt,
                heldUntil: record.heldUntil, heldFor: record.heldFor)
        }
        return Page(items: items, paging: paging, total: total)
    }
}
