import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import PolicyApp
import Postgres
import ServiceKit
import TestSupport

/// One policy service in-process on its own schema with a test token signer, and the cast of the
/// content channels, announcements and briefings: editors and reviewers of two units and the rest.
struct PolicyContentHarness {
    let service: ServiceUnderTest<PolicyRuntime>
    let tokens: TestTokens
    var dependencies: ServiceDependencies { service.dependencies }

    let unitA = UUID()
    let unitB = UUID()
    let enterpriseID = UUID()

    static func make() async throws -> PolicyContentHarness {
        let tokens = TestTokens()
        let service = try await ServiceUnderTest.start(PolicyService.definition, tokens: { _ in tokens.verifier() })
        return PolicyContentHarness(service: service, tokens: tokens)
    }

    func application() throws -> some ApplicationProtocol { try service.application() }

    // The cast: each call is a new account.
    func editor(of unit: UUID) -> AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyEditor"], unitID: unit, region: "410400")
    }
    func reviewer(of unit: UUID) -> AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyReviewer"], unitID: unit, region: "410400")
    }
    func official(_ role: OfficialRole, of unit: UUID? = nil) -> AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: [role.rawValue], unitID: unit ?? unitA, region: "410400")
    }
    var person: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .person) }
    var member: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: enterpriseID, uscc: "91410400MA9F5XYZ3K", role: .member))
    }
    var enterpriseAdmin: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: enterpriseID, uscc: "91410400MA9F5XYZ3K", role: .admin))
    }

    /// Event types written to the outbox about `id`, in order.
    func events(for id: String) async throws -> [String] {
        try await dependencies.pool.query(
            "SELECT event_type FROM outbox WHERE record_key = \(id.lowercased()) ORDER BY seq"
        ).map { try $0.decode("event_type", as: String.self) }
    }

    func eventPayload(for id: String, type: String) async throws -> [String: Any] {
        let rows = try await dependencies.pool.query(
            "SELECT payload FROM outbox WHERE record_key = \(id.lowercased()) AND event_type = \(type) ORDER BY seq")
        guard let data = try rows.first?.decode("payload", as: Data.self) else { return [:] }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, as claims: AccessClaims?, json: Any? = nil
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let claims { headers[.authorization] = try await tokens.bearer(claims) }
        let body = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        let text = String(buffer: response.body)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return JSONResponse(status: response.status, body: parsed, text: text)
    }
}

/// A response read as JSON.
struct JSONResponse {
    var status: HTTPResponse.Status
    var body: [String: Any]
    var text: String

    subscript(key: String) -> Any? { body[key] }
    var items: [[String: Any]] { body["items"] as? [[String: Any]] ?? [] }
    var id: String { body["id"] as? String ?? "" }
    var errorField: String? { (body["error"] as? [String: Any])?["field"] as? String }
    var errorMessage: String? { (body["error"] as? [String: Any])?["message"] as? String }
}
