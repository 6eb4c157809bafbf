import Contracts
import Foundation
import HTTPTypes
import Testing

@Suite("HTTP hardening (ServiceKit, seen through identity)")
struct HTTPHardeningTests {
    @Test("nosniff everywhere, no Server header, no-store on tokens and authenticated answers; the JWKS keeps its own caching")
    func securityHeaders() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("boss", roles: [.platformAdmin])
            let bearer = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let replies = [
                try await client.call(.get, "/health/live"),
                try await client.call(.get, "/no/such/path"),
                try await client.signIn("boss", IdentityHarness.password),
                try await client.call(.get, "/officials", bearer: bearer),
                try await client.call(.get, "/.well-known/jwks.json"),
            ]
            for reply in replies {
                #expect(reply.headers[.xContentTypeOptions] == "nosniff")
                #expect(reply.headers[.server] == nil)
            }
            #expect(replies[2].string("accessToken") != nil)
            #expect(replies[2].headers[.cacheControl] == "no-store")
            #expect(replies[3].status == .ok)
            #expect(replies[3].headers[.cacheControl] == "no-store")
            #expect(replies[4].headers[.cacheControl] == "max-age=60")
        }
    }

    @Test("a JSON body sent as anything but application/json gets 415 naming Content-Type; a charset parameter is fine")
    func contentType() async throws {
        try await IdentityHarness.run { client, _ in
            let body = #"{"username":"nobody","password":"Whatever#1"}"#
            let plain = try await client.call(.post, "/sessions", raw: body, contentType: "text/plain")
            #expect(plain.status == .unsupportedMediaType)
            #expect(plain.errorField == "Content-Type")
            #expect(plain.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await client.call(.post, "/sessions", raw: body, contentType: "application/x-www-form-urlencoded").status == .unsupportedMediaType)
            let charset = try await client.call(.post, "/sessions", raw: body, contentType: "application/json; charset=utf-8")
            #expect(charset.status == .unauthorized)
            #expect(charset.errorCode == "invalid_credentials")
        }
    }

    @Test("huge numbers name their field; type errors read well; guests get 401 before their body is read; TRACE and unknown methods get 405")
    func smallOnes() async throws {
        try await IdentityHarness.run { client, _ in
            let huge = try await client.call(.post, "/sessions", raw: #"{"username":99999999999999999999999,"password":"x"}"#)
            #expect(huge.status == .badRequest)
            #expect(huge.errorField == "username")
            let overflow = try await client.call(.post, "/sessions", raw: #"{"username":"a","password":"b","captchaID":1e400}"#)
            #expect(overflow.errorField == "captchaID")
            let wrongType = try await client.call(.post, "/sessions", raw: #"{"username":5,"password":"b"}"#)
            #expect(wrongType.errorField == "username")
            #expect(wrongType.errorMessage == "must be a string")

            let someID = UUID()
            for path in ["/membership-applications/\(someID)/grant", "/membership-applications/\(someID)/rejection",
                         "/enterprises/\(someID)/members/\(UUID())/revocation"] {
                let guest = try await client.call(.post, path, raw: "{not json")
                #expect(guest.status == .unauthorized, "\(path)")
            }

            for method in [HTTPRequest.Method.trace, HTTPRequest.Method("BREW")!, .connect] {
                let reply = try await client.call(method, "/health/live")
                #expect(reply.status == .methodNotAllowed, "\(method)")
                #expect(reply.errorCode == "method_not_allowed")
                #expect(reply.headers[.allow] != nil)
            }
        }
    }

    @Test("an already registered USCC is refused without telling its registration status to a registrant")
    func usccStatusNotTold() async throws {
        try await IdentityHarness.run { client, harness in
            let (_, first) = try await EnterpriseTests.person(client, harness, "first", id: "")
            let (_, second) = try await EnterpriseTests.person(client, harness, "second", id: "")
            let body = Samples.enterprise(uscc: Samples.uscc())
            #expect(try await client.call(.post, "/enterprises/registrations", json: body, bearer: first).status == .created)
            let again = try await client.call(.post, "/enterprises/registrations", json: body, bearer: second)
            #expect(again.errorField == "uscc")
            #expect(again.errorMessage == "is already registered")
            #expect(!again.text.contains("pending"))
        }
    }
}
