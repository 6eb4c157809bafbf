import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import Postgres
import ServiceKit
import Synchronization
import Testing

@Suite("HTTP SMS gateway")
struct HTTPProviderTests {
    static let secret = "gateway-secret-0123456789"

    /// A stand-in gateway: checks each request's signature, answers 503 to the first one, then accepts.
    final class Gateway: Sendable {
        let received = Mutex<[(phone: String, text: String, signed: Bool)]>([])

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("/sms") { request, _ -> Response in
                let body = Data(buffer: try await request.body.collect(upTo: 65536))
                let timestamp = request.headers[HTTPField.Name("X-Qinqing-Timestamp")!] ?? ""
                let signature = request.headers[HTTPField.Name("X-Qinqing-Signature")!] ?? ""
                let signed = SmsSignature.verify(body: body, timestamp: timestamp, signature: signature, secret: HTTPProviderTests.secret)
                    && request.headers[HTTPField.Name("X-Qinqing-Key")!] == "pds-key"
                let message = try JSONDecoder().decode(HTTPSmsProvider.RequestBody.self, from: body)
                let count = self.received.withLock {
                    $0.append((message.phone, message.text, signed))
                    return $0.count
                }
                if count == 1 { return Response(status: .serviceUnavailable) }
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"providerMessageId":"gw-\#(message.messageId)"}"#)))
            }
            return router
        }
    }

    @Test("sends signed requests, retries a 503, records the gateway's id; a signed delivery report marks it delivered, a forged one is refused")
    func gatewayAndCallback() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await fixture.setting("retry_base_seconds", "0")
        let envelope = try await DeliveryTests.expiring(fixture, cast: cast)
        try await fixture.pool.execute("DELETE FROM sms_attempts WHERE sms_id IN (SELECT id FROM sms_messages WHERE account_id <> \(cast.memberID))")
        try await fixture.pool.execute("DELETE FROM sms_messages WHERE account_id <> \(cast.memberID)")
        let gateway = Gateway()
        let gatewayApp = Application(router: gateway.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await gatewayApp.test(.live) { gatewayClient in
            let port = try #require(gatewayClient.port)
            let provider = HTTPSmsProvider(
                configuration: .init(url: URL(string: "http://127.0.0.1:\(port)/sms")!, accessKey: "pds-key", secret: Self.secret))
            let dispatcher = fixture.dispatcher(provider: provider)
            try await dispatcher.dispatchOnce()
            #expect(try await fixture.strings("SELECT status FROM sms_messages") == ["retrying"])
            try await dispatcher.dispatchOnce()
            #expect(try await fixture.strings("SELECT status FROM sms_messages") == ["sent"])
        }
        let received = gateway.received.withLock { $0 }
        #expect(received.count == 2)
        #expect(received.allSatisfy { $0.signed && $0.phone == Cast.memberPhone && $0.text.hasPrefix("【平顶山亲清平台】") })
        let smsID = try #require(try await fixture.pool.query("SELECT id FROM sms_messages").first).decode("id", as: Int.self)
        #expect(try await fixture.strings("SELECT provider_message_id FROM sms_messages") == ["gw-\(smsID)"])

        let router = Router(context: AppRequestContext.self)
        SmsCallbackController(runtime: fixture.runtime, secret: Self.secret, showsLocalOutbox: false)
            .addRoutes(to: router)
        let report = Data(#"{"providerMessageId":"gw-\#(smsID)","status":"delivered"}"#.utf8)
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let good = SmsSignature.sign(body: report, timestamp: timestamp, secret: Self.secret)
        let forged = SmsSignature.sign(body: report, timestamp: timestamp, secret: "not-the-secret-000000")
        try await Application(router: router).test(.router) { client in
            for (signature, expected) in [(forged, HTTPResponse.Status.unauthorized), (good, .ok)] {
                try await client.execute(
                    uri: "/sms/callback", method: .post,
                    headers: [HTTPField.Name("X-Qinqing-Timestamp")!: timestamp, HTTPField.Name("X-Qinqing-Signature")!: signature],
                    body: ByteBuffer(data: report)
                ) { response in
                    #expect(response.status == expected)
                }
            }
            try await client.execute(uri: "/local/sms", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try await fixture.strings("SELECT status FROM sms_messages") == ["delivered"])
        #expect(try await fixture.strings("SELECT outcome FROM sms_attempts ORDER BY id") == ["queued", "provider_error", "sent", "delivered"])
        _ = envelope
    }
}
