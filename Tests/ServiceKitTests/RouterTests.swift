import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import ServiceKit
import Synchronization
import Testing
import TestSupport

@Suite("Service runtime: errors, request ids, tokens, health")
struct RouterTests {
    struct Echo: ResponseCodable {
        var title: String
        var amount: Int
    }

    static func app(
        keys: TestTokens = TestTokens(ids: ["k1"]), jwks: (@Sendable () -> Data)? = nil, ready: Bool = true
    ) -> some ApplicationProtocol {
        let logger = Logger(label: "test")
        let source = jwks ?? { keys.jwks }
        let verifier = TokenVerifier(source: { source() }, logger: logger, minimumRefreshInterval: .zero)
        let router = ServiceRouter.build(
            checks: [ReadinessCheck(name: "postgres") { ready }, ReadinessCheck(name: "kafka") { true }],
            verifier: verifier, openAPI: "openapi: 3.1.0\n"
        ) { router in
            router.post("/echo") { request, context in try await request.decodeBody(Echo.self, context: context) }
            router.get("/me") { _, context in try context.requirePrincipal().accountID.uuidString }
            router.get("/admin") { _, context in try context.requireRole("platformAdmin").accountID.uuidString }
            router.get("/db-down") { _, _ -> String in
                throw PostgresError(code: .connectionFailed)
            }
            router.get("/boom") { _, _ -> String in throw CancellationError() }
        }
        return Application(router: router)
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    static func errorBody(_ response: TestResponse) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return (object?["error"] as? [String: String]) ?? [:]
    }

    @Test("a missing field is a 400 naming it")
    func missingField() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/echo", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"title":"x"}"#)) { response throws in
                #expect(response.status == .badRequest)
                let error = try Self.errorBody(response)
                #expect(error["code"] == "invalid_field")
                #expect(error["field"] == "amount")
            }
            try await client.execute(uri: "/echo", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"title":"x","amount":"7"}"#)) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Self.errorBody(response)["field"] == "amount")
            }
            try await client.execute(uri: "/echo", method: .post, headers: Self.json, body: ByteBuffer(string: "{not json")) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Self.errorBody(response)["field"] == "body")
            }
        }
    }

    @Test("unknown routes, database outages and unexpected errors answer with JSON bodies")
    func jsonErrors() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(try Self.errorBody(response)["code"] == "not_found")
            }
            try await client.execute(uri: "/db-down", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(try Self.errorBody(response)["code"] == "database_unavailable")
            }
            try await client.execute(uri: "/boom", method: .get) { response throws in
                #expect(response.status == .internalServerError)
                #expect(try Self.errorBody(response)["code"] == "internal")
            }
        }
    }

    @Test("the request id is echoed, or made when missing")
    func requestID() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/health/live", method: .get, headers: [.requestID: "gw-123"]) { response throws in
                #expect(response.headers[.requestID] == "gw-123")
            }
            try await client.execute(uri: "/nowhere", method: .get) { response throws in
                #expect((response.headers[.requestID] ?? "").count == 36)
            }
        }
    }

    @Test("readiness is 503 naming the check that is down")
    func readiness() async throws {
        try await Self.app(ready: false).test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((body?["checks"] as? [String: String])?["postgres"] == "down")
            }
            try await client.execute(uri: "/health/live", method: .get) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a valid token signs the caller in; guests, bad and expired tokens are told apart")
    func tokens() async throws {
        let keys = TestTokens(ids: ["k1"])
        let claims = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        let valid = try await keys.token(claims, keyID: "k1")
        let expired = try await keys.token(claims, keyID: "k1", issuedAt: Date().addingTimeInterval(-3600))
        let forged = try await TestTokens(ids: ["k1"]).token(claims, keyID: "k1")
        try await Self.app(keys: keys).test(.router) { client in
            try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(valid)"]) { response throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == claims.accountID.uuidString)
            }
            try await client.execute(uri: "/me", method: .get) { response throws in
                #expect(response.status == .unauthorized)
            }
            for token in [expired, forged, "garbage"] {
                try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response throws in
                    #expect(response.status == .unauthorized)
                    #expect(try Self.errorBody(response)["code"] == "invalid_token")
                }
            }
            try await client.execute(uri: "/admin", method: .get, headers: [.authorization: "Bearer \(valid)"]) { response throws in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("a token signed with a newly rotated key is accepted after the keys are refetched")
    func keyRotation() async throws {
        let old = TestTokens(ids: ["k1"])
        let rotated = TestTokens(ids: ["k2"])
        let served = Mutex(old.jwks)
        let claims = AccessClaims(accountID: UUID(), accountKind: .person)
        try await Self.app(jwks: { served.withLock { $0 } }).test(.router) { client in
            let first = try await old.token(claims, keyID: "k1")
            try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(first)"]) { response throws in
                #expect(response.status == .ok)
            }
            served.withLock { $0 = rotated.jwks }
            let second = try await rotated.token(claims, keyID: "k2")
            try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(second)"]) { response throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a token accepted before (and remembered) is refused once the refetched keys no longer hold its key")
    func rememberedTokenAfterRotation() async throws {
        let old = TestTokens(ids: ["k1"])
        let rotated = TestTokens(ids: ["k2"])
        let served = Mutex(old.jwks)
        let claims = AccessClaims(accountID: UUID(), accountKind: .person)
        try await Self.app(jwks: { served.withLock { $0 } }).test(.router) { client in
            let first = try await old.token(claims, keyID: "k1")
            for _ in 0..<2 {
                try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(first)"]) { response throws in
                    #expect(response.status == .ok)
                }
            }
            // k1 retired: a token of k2 makes the service refetch the keys.
            served.withLock { $0 = rotated.jwks }
            let second = try await rotated.token(claims, keyID: "k2")
            try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(second)"]) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(first)"]) { response throws in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
