@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import ServiceKit
import TestSupport

/// One policy service in-process on its own schema, with a token signer, the units and enterprises
/// it would have projected from identity, and a cast of users.
struct PolicyHarness {
    let service: ServiceUnderTest<PolicyRuntime>
    let tokens: TestTokens
    var dependencies: ServiceDependencies { service.dependencies }

    /// 市工业和信息化局 (city department, 410400), 市发展和改革委员会 (another city department), 叶县 (a county, 410422).
    let unit = UUID()
    let otherUnit = UUID()
    let county = UUID()
    let enterpriseID = UUID()

    /// `listCache`: how long the policy list's answers are kept (none by default, so tests see their writes).
    static func make(listCache: Duration = .zero) async throws -> PolicyHarness {
        let tokens = TestTokens()
        let service = try await ServiceUnderTest.start(
            PolicyService.definition,
            runtime: { dependencies in
                var configured = dependencies
                configured.configuration.publicListCacheLifetime = listCache
                return try PolicyRuntime(dependencies: configured)
            },
            tokens: { _ in tokens.verifier() })
        let harness = PolicyHarness(service: service, tokens: tokens)
        try await harness.dependencies.pool.withTransaction { connection in
            for (id, name, kind, region) in [
                (harness.unit, "平顶山市工业和信息化局", UnitProfile.Kind.department, "410400"),
                (harness.otherUnit, "平顶山市发展和改革委员会", .department, "410400"), (harness.county, "叶县人民政府", .county, "410422"),
            ] {
                try await IdentityProjection.upsert(UnitProfile(unitID: id, name: name, kind: kind, parentID: nil, region: region), on: connection)
            }
            try await IdentityProjection.upsert(
                EnterpriseProfile(enterpriseID: harness.enterpriseID, uscc: "91410400MA00000A1", name: "平顶山示范制造有限公司", region: "410402",
                                  industry: "C", tags: ["制造业", "高新技术"]), status: "approved", at: Date(), on: connection)
        }
        return harness
    }

    // The cast.
    func editor(_ unit: UUID) -> AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyEditor"], unitID: unit) }
    func reviewer(_ unit: UUID) -> AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["policyReviewer"], unitID: unit) }
    var platformAdmin: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"]) }
    var person: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .person) }
    func member(_ enterprise: UUID? = nil, admin: Bool = false) -> AccessClaims {
        AccessClaims(
            accountID: UUID(), accountKind: .person,
            membership: .init(enterpriseID: enterprise ?? enterpriseID, uscc: "91410400MA00000A1", role: admin ? .admin : .member))
    }

    func call(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, as claims: AccessClaims?, json: Any? = nil) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let claims { headers[.authorization] = try await tokens.bearer(claims) }
        let body = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, bytes: Array(buffer: response.body), headers: response.headers)
    }

    /// A policy form; `issued` hours ago.
    static func form(title: String, region: String = "410400", issuedHoursAgo: Double = 2, type: String = "finance", subsidy: String? = nil,
                     tags: [String] = [], number: String = "平工信〔2026〕1号", body: String = "<p>正文</p>") -> [String: Any] {
        var form: [String: Any] = [
            "title": title, "documentNumber": number, "region": region, "policyType": type, "tags": tags, "body": body,
            "issuedAt": EventTime.format(Date().addingTimeInterval(-issuedHoursAgo * 3600)),
        ]
        if let subsidy { form["subsidyType"] = subsidy }
        return form
    }

    /// Drafts, submits and publishes `form` in `unit`; answers the policy id.
    @discardableResult
    func publish(_ client: some TestClientProtocol, _ form: [String: Any], unit: UUID? = nil) async throws -> UUID {
        let unit = unit ?? self.unit
        let created = try await call(client, .post, "/policies", as: editor(unit), json: form)
        guard created.status == .created, let id = created.string("id").flatMap(UUID.init(uuidString:)) else {
            throw HarnessError.failed("draft: \(created.status) \(created.text)")
        }
        let editor = editor(unit)
        _ = try await call(client, .post, "/policies/\(id)/submission", as: editor)
        let published = try await call(client, .post, "/policies/\(id)/publication", as: reviewer(unit))
        guard published.status == .ok else { throw HarnessError.failed("publish: \(published.status) \(published.text)") }
        return id
    }

    func events(_ type: String) async throws -> [[String: Any]] {
        try await dependencies.pool.query("SELECT payload FROM outbox WHERE event_type = \(type) ORDER BY seq").map { row in
            let data: Data = try row.decode("payload")
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }
    }

    enum HarnessError: Error { case failed(String) }
}

/// A response, read as JSON where it is JSON.
struct Reply {
    var status: HTTPResponse.Status
    var bytes: [UInt8]
    var headers: HTTPFields
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var body: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:] }
    subscript(key: String) -> Any? { body[key] }
    func string(_ key: String) -> String? { body[key] as? String }
    var items: [[String: Any]] { body["items"] as? [[String: Any]] ?? [] }
    var titles: [String] { items.compactMap { $0["title"] as? String } }
    var errorField: String? { (body["error"] as? [String: Any])?["field"] as? String }
    var errorCode: String? { (body["error"] as? [String: Any])?["code"] as? String }
}
