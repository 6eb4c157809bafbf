@testable import FilingApp
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import ServiceKit
import TestSupport
import WorkCalendar

/// One filing service in-process on its own schema, with a test token signer, a cast (enterprises
/// of two counties, a liaison, statisticians of the city and of a county) and the identity facts.
struct FilingHarness {
    let service: ServiceUnderTest<FilingRuntime>
    let tokens: TestTokens
    var dependencies: ServiceDependencies { service.dependencies }

    /// 汝州市 (410482): two reporting enterprises; 新华区 (410402): one.
    let enterpriseA = UUID()
    let enterpriseB = UUID()
    let enterpriseC = UUID()
    /// An enterprise known to identity but not on the reporting list.
    let unlisted = UUID()
    let liaisonID = UUID()
    let otherLiaisonID = UUID()

    static let usccA = "91410482MA00000D4W"
    static let usccB = "91410482MA00000E51"
    static let usccC = "91410402MA00000F69"

    /// - Parameter scheduledJobs: false for tests that run the window job's passes themselves: the
    ///   scheduled job's first pass runs when the application starts, and on a busy machine it came
    ///   between a test's own steps.
    static func make(scheduledJobs: Bool = true) async throws -> FilingHarness {
        let tokens = TestTokens()
        var definition = FilingService.definition
        if !scheduledJobs { definition.jobs = { _ in [] } }
        let service = try await ServiceUnderTest.start(definition, tokens: { _ in tokens.verifier() })
        let harness = FilingHarness(service: service, tokens: tokens)
        try await harness.seed()
        return harness
    }

    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await service.test(body)
    }

    /// Identity's facts as the projection would have them, and the reporting list.
    func seed() async throws {
        try await dependencies.pool.withTransaction { connection in
            let now = Date()
            let enterprises: [(UUID, String, String, String)] = [
                (enterpriseA, Self.usccA, "河南平煤神马朝川化工科技有限公司", "410482"),
                (enterpriseB, Self.usccB, "中国平煤神马集团汝州电化有限公司", "410482"),
                (enterpriseC, Self.usccC, "平顶山示范制造有限公司", "410402"),
                (unlisted, "91410400MA00000A1P", "未列入名单的公司", "410402"),
            ]
            for (id, uscc, name, region) in enterprises {
                try await IdentityProjection.upsert(
                    EnterpriseProfile(enterpriseID: id, uscc: uscc, name: name, region: region, industry: "C", tags: []), at: now, on: connection)
            }
            try await connection.execute(
                "INSERT INTO liaison_assignments (enterprise_id, official_id, assigned_at) VALUES (\(enterpriseA), \(liaisonID), \(now))")
            try await connection.execute(
                "INSERT INTO liaison_assignments (enterprise_id, official_id, assigned_at) VALUES (\(enterpriseC), \(otherLiaisonID), \(now))")
            for (uscc, name, region, industry) in [
                (Self.usccA, "河南平煤神马朝川化工科技有限公司", "410482", "焦化"),
                (Self.usccB, "中国平煤神马集团汝州电化有限公司", "410482", "有机化学原料制造"),
                (Self.usccC, "平顶山示范制造有限公司", "410402", "C3670"),
            ] {
                guard let region = try await ReferenceStore.resolveRegion(region, on: connection),
                    let class_ = try await ReferenceStore.resolveIndustry(industry, on: connection)
                else { continue }
                try await ReportingEnterpriseStore.insert(
                    ReportingEnterpriseFields(region: region, name: name, uscc: uscc, industry: class_, industryLabel: industry),
                    id: UUID(), at: now, on: connection)
            }
        }
    }

    // The cast.
    func member(of enterprise: UUID, uscc: String = "91410482MA00000D4W") -> AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: enterprise, uscc: uscc, role: .member))
    }
    var filerA: AccessClaims { member(of: enterpriseA) }
    var filerB: AccessClaims { member(of: enterpriseB, uscc: Self.usccB) }
    var filerC: AccessClaims { member(of: enterpriseC, uscc: Self.usccC) }
    var liaison: AccessClaims { AccessClaims(accountID: liaisonID, accountKind: .official, roles: ["liaison"], region: "410482") }
    var otherLiaison: AccessClaims { AccessClaims(accountID: otherLiaisonID, accountKind: .official, roles: ["liaison"], region: "410402") }
    /// 市统计局: city level, an admin.
    var bureauAdmin: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["statistician", "unitAdmin"], region: "410400")
    }
    var cityStatistician: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["statistician"], region: "410400") }
    /// 汝州市统计局.
    var ruzhouStatistician: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["statistician"], region: "410482") }
    /// 新华区统计局.
    var xinhuaStatistician: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["statistician"], region: "410402") }
    /// 市工信局 (identity's named unit …0102): a statistician monitoring the key enterprises.
    var industryMonitor: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["statistician"], unitID: Self.industryBureau, region: "410400")
    }
    /// 市工信局: a statistician who is also its unit admin.
    var industryAdmin: AccessClaims {
        AccessClaims(
            accountID: UUID(), accountKind: .official, roles: ["statistician", "unitAdmin"], unitID: Self.industryBureau, region: "410400")
    }
    /// 市工信局's unit admin without the statistician role (the policy side of the bureau).
    var industryUnitAdmin: AccessClaims {
        AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: Self.industryBureau, region: "410400")
    }
    static let industryBureau = UUID(uuidString: "00000000-0000-4000-8000-000000000102")!
    var platformAdmin: AccessClaims { AccessClaims(accountID: UUID(), accountKind: .official, roles: ["platformAdmin"], region: "410400") }

    static var today: CalendarDay { CalendarDay(containing: Date(), in: WorkCalendar.chinaTimeZone) }

    /// Opens the periods' windows around today (admins set a month's own window).
    func openWindows(_ periods: [String], on client: some TestClientProtocol) async throws {
        for period in periods {
            let response = try await call(
                client, .put, "/filing-windows/\(period)", as: bureauAdmin,
                json: ["opensOn": Self.today.adding(days: -1).description, "closesOn": Self.today.adding(days: 5).description])
            guard response.status == .ok else { throw HarnessError.setup("window \(period): \(response.text)") }
        }
    }

    /// Files `form` for `period` and expects it accepted.
    @discardableResult
    func file(_ period: String, _ form: [String: Any] = Forms.filing(), as claims: AccessClaims? = nil, on client: some TestClientProtocol) async throws -> JSONResponse {
        let response = try await call(client, .put, "/periods/\(period)/filing", as: claims ?? filerA, json: form)
        guard response.status == .created || response.status == .ok else { throw HarnessError.setup("filing \(period): \(response.text)") }
        return response
    }

    /// Event types written to the outbox about `subject`, in order.
    func events(about subject: String) async throws -> [String] {
        try await dependencies.pool.query(
            "SELECT event_type FROM outbox WHERE record_key = \(subject.lowercased()) ORDER BY seq"
        ).map { try $0.decode("event_type", as: String.self) }
    }

    func eventPayloads(type: String) async throws -> [[String: Any]] {
        try await dependencies.pool.query("SELECT payload FROM outbox WHERE event_type = \(type) ORDER BY seq").map { row in
            let data: Data = try row.decode("payload")
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }
    }

    enum HarnessError: Error { case setup(String) }
}

/// A response read as JSON.
struct JSONResponse {
    var status: HTTPResponse.Status
    var body: [String: Any]
    var text: String

    subscript(key: String) -> Any? { body[key] }
    var items: [[String: Any]] { body["items"] as? [[String: Any]] ?? [] }
    var errorField: String? { (body["error"] as? [String: Any])?["field"] as? String }
    var errorCode: String? { (body["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (body["error"] as? [String: Any])?["message"] as? String }
    var form: [String: Any] { body["form"] as? [String: Any] ?? [:] }
    var flags: [[String: Any]] { body["flags"] as? [[String: Any]] ?? [] }
    var flagRules: [String] { flags.compactMap { $0["rule"] as? String } }
}

extension FilingHarness {
    @discardableResult
    func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, as claims: AccessClaims?,
        json: Any? = nil, csv: String? = nil
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [.contentType: csv == nil ? "application/json" : "text/csv"]
        if let claims { headers[.authorization] = try await tokens.bearer(claims) }
        var body = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
        if let csv { body = ByteBuffer(string: csv) }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        let text = String(buffer: response.body)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return JSONResponse(status: response.status, body: parsed, text: text)
    }
}

/// Monthly forms (manual 1.9), filled in: every yoy and mom 0 and the same figures each month, so a
/// series of them raises no warning; tests change what they test.
enum Forms {
    static let phone = "13912345678"

    static func filing(
        outputMonth: String = "1000", outputYTD: String = "3000", profit: String = "80.5",
        change: (inout [String: Any]) -> Void = { _ in }
    ) -> [String: Any] {
        var form: [String: Any] = [
            "contactName": "王建华", "contactPhone": phone, "keyIndustryType": "现代煤化工",
            "output": ["month": outputMonth, "monthYoY": "0", "ytd": outputYTD, "ytdYoY": "0"],
            "electricity": ["month": "120.25", "monthYoY": "0", "ytd": "360.75", "ytdYoY": "0"],
            "revenue": ["month": "950", "monthYoY": "0"],
            "profit": ["month": profit, "monthYoY": "0"],
            "tax": ["month": "35.1234", "monthYoY": "0"],
            "inventory": ["value": "200", "unit": "万元", "yoy": "0"],
            "products": [
                ["name": "焦炭", "unit": "吨", "outputMonth": "5000", "outputMonthYoY": "0", "outputYTD": "15000", "outputYTDYoY": "0",
                 "price": "2100", "priceMoM": "0", "priceYoY": "0"],
            ],
            "materials": [["name": "原煤", "unit": "吨", "price": "900", "priceMoM": "0", "priceYoY": "0"]],
        ]
        change(&form)
        return form
    }

    /// `form` with `section.key` set.
    static func set(_ form: inout [String: Any], _ section: String, _ key: String, _ value: Any?) {
        var part = form[section] as? [String: Any] ?? [:]
        part[key] = value
        form[section] = part
    }
}
