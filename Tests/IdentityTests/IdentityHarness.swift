import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
@testable import IdentityApp
import Logging
import Postgres
import ServiceKit
import TestSupport
import Validators

/// The identity service under test (a `ServiceUnderTest` on a fresh schema, trusting its own
/// signing keys), with a low bcrypt cost and the background jobs left to the tests.
struct IdentityHarness: Sendable {
    let service: ServiceUnderTest<IdentityRuntime>
    var runtime: IdentityRuntime { service.runtime }
    var pool: PostgresPool { service.dependencies.pool }

    static let testSettings: IdentitySettings = {
        var settings = IdentitySettings(bcryptCost: 4, signInsPerIPPerMinute: 1000, seedDemoData: false)
        settings.runsBackgroundJobs = false
        return settings
    }()

    static func run(
        settings: IdentitySettings = testSettings,
        _ body: @Sendable (any TestClientProtocol, IdentityHarness) async throws -> Void
    ) async throws {
        let service = try await ServiceUnderTest.start(
            IdentityService.definition(settings: settings), tokens: { $0.localVerifier() })
        let harness = IdentityHarness(service: service)
        do {
            try await service.test { client in try await body(client, harness) }
        } catch {
            await service.stop()
            throw error
        }
        await service.stop()
    }

    // MARK: Accounts made directly (the first platform admin has to come from somewhere)

    static let password = "Secret#2026"
    static let hashOfPassword = Bcrypt.hash(password, cost: 4)

    /// An official with a known password and no forced change; returns its id.
    func official(_ username: String, roles: [OfficialRole], unit: String = "00000000-0000-4000-8000-000000000100") async throws -> UUID {
        let id = UUID()
        let hash = Self.hashOfPassword
        try await pool.execute(
            """
            INSERT INTO accounts (id, kind, username, real_name, password_hash, unit_id, region, roles)
            VALUES (\(id), 'official', \(username), \("官员" + username), \(hash), \(UUID(uuidString: unit)!),
                    (SELECT region FROM units WHERE id = \(UUID(uuidString: unit)!)), \(roles.map(\.rawValue)))
            """)
        return id
    }

    /// A token signed by the service's own current key.
    func bearer(_ claims: AccessClaims) async throws -> String {
        "Bearer " + (try await runtime.keys.sign(claims, lifetime: 900))
    }

    func bearer(official id: UUID, roles: [OfficialRole]) async throws -> String {
        try await bearer(
            AccessClaims(
                accountID: id, accountKind: .official, roles: roles.map(\.rawValue),
                unitID: UUID(uuidString: "00000000-0000-4000-8000-000000000100"), region: "410400"))
    }

    func outboxTypes() async throws -> [String] {
        try await pool.query("SELECT event_type FROM outbox ORDER BY event_type").map { try $0.decode("event_type", as: String.self) }
    }

    func outboxPayloads(_ type: String) async throws -> [[String: Any]] {
        try await pool.query("SELECT convert_from(payload, 'UTF8') AS p FROM outbox WHERE event_type = \(type)").compactMap {
            try JSONSerialization.jsonObject(with: Data(try $0.decode("p", as: String.self).utf8)) as? [String: Any]
        }
    }
}

// MARK: HTTP helpers

struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
    var errorMessage: String { (json["error"] as? [String: Any])?["message"] as? String ?? "" }
    func string(_ key: String) -> String? { json[key] as? String }
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
}

extension TestClientProtocol {
    func call(
        _ method: HTTPRequest.Method, _ uri: String, json body: [String: Any]? = nil, bearer: String? = nil,
        ip: String = "10.0.0.1", raw: String? = nil, contentType: String = "application/json"
    ) async throws -> Reply {
        var headers: HTTPFields = [.contentType: contentType, HTTPField.Name("X-Forwarded-For")!: ip]
        if let bearer { headers[.authorization] = bearer }
        var buffer: ByteBuffer?
        if let body { buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)) }
        if let raw { buffer = ByteBuffer(string: raw) }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// Signs in; with `captcha`, first gets a challenge and answers it as a person would (the harness
    /// knows the answer: the SVG holds none).
    func signIn(_ username: String, _ password: String, ip: String = "10.0.0.1", captcha: IdentityHarness? = nil) async throws -> Reply {
        var body: [String: Any] = ["username": username, "password": password]
        if let captcha {
            let challenge = try await call(.post, "/captchas", ip: ip)
            body["captchaID"] = challenge.string("captchaID")
            body["captchaAnswer"] = try await captcha.captchaAnswer(challenge.string("captchaID") ?? "")
        }
        return try await call(.post, "/sessions", json: body, ip: ip)
    }
}

extension IdentityHarness {
    /// The answer to challenge `id`, read from the service's captcha store: only the answer's hash is
    /// stored, so the harness picks an answer from the alphabet and stores its hash in place of the
    /// drawn one (a person reads the picture instead).
    func captchaAnswer(_ id: String) async throws -> String {
        let answer = String((0..<5).map { _ in Captcha.alphabet.randomElement()! })
        let updated = try await pool.query(
            "UPDATE captchas SET answer_hash = \(Captcha.digest(answer)) WHERE id = \(UUID(uuidString: id) ?? UUID()) RETURNING id")
        precondition(updated.count == 1, "no captcha \(id)")
        return answer
    }
}

enum Samples {
    static func idNumber(_ body: String = "41040219900307123") -> String {
        body + String(IDNumber.checkCharacter(for: body)!)
    }

    static func uscc(_ body: String = "91410400MA0000001") -> String {
        body + String(USCC.checkCharacter(for: body)!)
    }

    static func enterprise(uscc: String, name: String = "平顶山测试有限公司") -> [String: Any] {
        [
            "uscc": uscc, "name": name, "region": "410402", "industry": "C", "ownership": "private",
            "employeeBand": "20-99", "address": "新华区建设路1号",
            "principal": ["name": "张三", "title": "总经理", "phone": "13712345678"],
            "contact": ["name": "李四", "title": "办公室主任", "phone": "13612345678"],
            "overview": "测试企业", "tags": ["制造业"],
        ]
    }
}
