import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NotificationsApp
import TestSupport
import Postgres
import Testing

@Suite("Rules, templates and delivery log API")
struct AdminAPITests {
    static let admin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"])
    static let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test("a template whose placeholders its event cannot fill is refused; a valid change is versioned with history; preview renders with the signature")
    func templatesAndRules() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        var adminHeaders = try await fixture.bearer(Self.admin)
        adminHeaders[.contentType] = "application/json"
        let headers = adminHeaders
        let app = try fixture.application()
        try await app.test(.router) { client in
            // {serial} has no binding in the rules that use this template.
            try await client.execute(
                uri: "/admin/templates/membership_expiring", method: .put, headers: headers,
                body: Self.body(#"{"category":"account","title":"到期","body":"{enterpriseName}的授权{serial}将到期"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\":\"bindings.serial\""))
            }
            // A rule binding a field the event does not carry.
            try await client.execute(
                uri: "/admin/rules/membership_expiring.member", method: .put, headers: headers,
                body: Self.body(
                    #"{"eventType":"qinqing.identity.membership.expiring.v1","recipients":"account","recipientPath":"accountID","channels":["sms","inbox"],"templateCode":"membership_expiring","bindings":{"enterpriseName":"enterprise.title","expiresAt":"expiresAt"}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("enterprise.title"))
            }
            // An unregistered event type.
            try await client.execute(
                uri: "/admin/rules/x.rule", method: .put, headers: headers,
                body: Self.body(#"{"eventType":"qinqing.nobody.thing.done.v1","recipients":"inspectors","channels":["inbox"],"templateCode":"membership_expiring"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\":\"eventType\""))
            }
            // A valid change.
            try await client.execute(
                uri: "/admin/templates/membership_expiring", method: .put, headers: headers,
                body: Self.body(#"{"category":"account","title":"授权到期提醒","body":"您在{enterpriseName}的授权将于{expiresAt}到期。"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"version\":2"))
            }
            try await client.execute(uri: "/admin/templates/membership_expiring/history", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("\"total\":2"))
                #expect(text.contains("授权到期提醒"))
            }
            try await client.execute(
                uri: "/admin/templates/preview", method: .post, headers: headers,
                body: Self.body(
                    #"{"ruleID":"membership_expiring.member","payload":{"enterpriseName":"平顶山市平煤股份","expiresAt":"2026-12-01T02:00:00.000Z"}}"#)
            ) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("【平顶山亲清平台】您在平顶山市平煤股份的授权将于2026-12-01 10:00到期。"))
                #expect(text.contains("\"smsParts\":1"))
                #expect(text.contains("\"unresolved\":[]"))
            }
            try await client.execute(
                uri: "/admin/templates/preview", method: .post, headers: headers,
                body: Self.body(#"{"ruleID":"membership_expiring.member","body":"{nothing}","payload":{}}"#)
            ) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("\"problem\":"))
                #expect(text.contains("\"unresolved\":[\"nothing\"]"))
            }
            try await client.execute(
                uri: "/admin/settings", method: .put, headers: headers,
                body: Self.body(#"{"values":{"signature":"【十堰市双千办】"}}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/admin/settings", method: .put, headers: headers, body: Self.body(#"{"values":{"quiet_start":"25:00"}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("values.quiet_start"))
            }
            try await client.execute(uri: "/admin/rules", method: .get, headers: try await fixture.bearer(Self.inspector)) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try await fixture.count("SELECT count(*) FROM audit_trail") == 2)
    }

    @Test("the delivery log shows every attempt, phones whole to platform admins and masked to inspectors; a failed SMS can be resent, a sent one cannot")
    func deliveryLog() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await fixture.setting("retry_max_attempts", "1")
        let envelope = try await DeliveryTests.expiring(fixture, cast: cast)
        try await fixture.pool.execute("UPDATE sms_messages SET status = 'sent', sent_at = now() WHERE account_id <> \(cast.memberID)")
        let failing = HTTPSmsProvider(
            configuration: .init(url: URL(string: "http://127.0.0.1:9/sms")!, accessKey: "k", secret: "0123456789abcdef", timeout: 2))
        try await fixture.dispatcher(provider: failing).dispatchOnce()
        // The phone the failed attempt never recorded: give the row the member's sealed number as a sent one would have.
        let sealed = try fixture.runtime.cipher.seal(Cast.memberPhone)
        try await fixture.pool.execute(
            "UPDATE sms_messages SET phone_key_id = \(sealed.keyID), phone_sealed = \(sealed.ciphertext) WHERE account_id = \(cast.memberID)")
        let failed = try #require(try await fixture.pool.query(
            "SELECT id FROM sms_messages WHERE account_id = \(cast.memberID)").first).decode("id", as: Int.self)
        let sent = try #require(try await fixture.pool.query(
            "SELECT id FROM sms_messages WHERE account_id = \(cast.adminID)").first).decode("id", as: Int.self)
        let admin = try await fixture.bearer(Self.admin)
        let inspector = try await fixture.bearer(Self.inspector)
        let app = try fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/admin/sms?status=failed&eventID=\(envelope.id)", method: .get, headers: admin) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("\"total\":1"))
                #expect(text.contains(Cast.memberPhone))
            }
            try await client.execute(uri: "/admin/sms?accountID=\(cast.memberID)", method: .get, headers: inspector) { response in
                let text = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(!text.contains(Cast.memberPhone))
                #expect(text.contains("138****5678"))
            }
            try await client.execute(uri: "/admin/sms/\(failed)", method: .get, headers: admin) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("\"outcome\":\"provider_error\""))
                #expect(text.contains("\"outcome\":\"fallback_inbox\""))
            }
            try await client.execute(uri: "/admin/sms?status=lost", method: .get, headers: admin) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/admin/sms/\(failed)/resend", method: .post, headers: inspector) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/admin/sms/\(failed)/resend", method: .post, headers: admin) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"pending\""))
            }
            try await client.execute(uri: "/admin/sms/\(sent)/resend", method: .post, headers: admin) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("the SMS is sent"))
            }
        }
        // The resent SMS goes out on the next dispatch (this one, or the fixture's own job if it came first).
        _ = try await fixture.dispatcher().dispatchOnce()
        #expect(await eventually { try await fixture.strings("SELECT status FROM sms_messages WHERE id = \(failed)") == ["sent"] })
    }
}
