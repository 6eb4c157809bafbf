import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import PersonalData
import Postgres
import ServiceKit

/// `POST /sms/callback`: the HTTP gateway's per-message delivery report, signed like our requests.
/// `GET /local/sms` (local run only): what the local provider recorded, phones masked.
struct SmsCallbackController {
    let pool: PostgresPool
    let cipher: FieldCipher
    let secret: String?
    let showsLocalOutbox: Bool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/sms/callback") { request, context in try await callback(request, context) }
        router.get("/local/sms") { request, _ in try await localOutbox(request) }
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
        return try await pool.withTransaction { connection in
            guard let row = try await connection.query(
                "SELECT id, status FROM sms_messages WHERE provider_message_id = \(report.providerMessageId) FOR UPDATE").first
            else { throw APIError.notFound("SMS") }
            let id = try row.decode("id", as: Int.self)
            guard try row.decode("status", as: String.self) == "sent" else { return Accepted(status: "ignored") }
            let log = SmsLog(smsID: id, connection: connection)
            let detail = String((report.detail ?? "").prefix(200))
            if report.status == "delivered" {
                try await connection.execute("UPDATE sms_messages SET status = 'delivered', updated_at = now() WHERE id = \(id)")
                try await log.attempted(0, outcome: "delivered", detail: detail.isEmpty ? nil : detail)
            } else {
                try await log.attempted(0, outcome: "undelivered", detail: detail.isEmpty ? nil : detail)
                try await SmsFallback.fail(smsID: id, reason: "the gateway reported it undelivered", on: connection)
            }
            return Accepted(status: report.status)
        }
    }

    struct LocalSms: Codable, Sendable {
        var id: Int
        var smsId: Int
        var accountId: UUID
        var phone: String
        var text: String
        var parts: Int
        var sentAt: String
    }

    func localOutbox(_ request: Request) async throws -> Page<LocalSms> {
        guard showsLocalOutbox else { throw APIError.notFound("route") }
        let paging = try Paging(request)
        return try await pool.withConnection { connection in
            let total = try await connection.query("SELECT count(*) AS n FROM local_sms").first?.decode("n", as: Int.self) ?? 0
            let rows = try await connection.query(
                "SELECT * FROM local_sms ORDER BY id DESC LIMIT \(paging.size) OFFSET \(paging.offset)")
            let items = try rows.map { row in
                LocalSms(
                    id: try row.decode("id"), smsId: try row.decode("sms_id"), accountId: try row.decode("account_id"),
                    phone: Mask.phone(
                        try cipher.open(SealedField(keyID: try row.decode("phone_key_id"), ciphertext: try row.decode("phone_sealed")))),
                    text: try row.decode("text"), parts: try row.decode("parts"),
                    sentAt: EventTime.format(try row.decode("sent_at", as: Date.self)))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }
}
